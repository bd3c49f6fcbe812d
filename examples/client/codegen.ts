import { type CodegenConfig } from '@graphql-codegen/cli';

/**
 * graphql-codegen's client preset over the committed schema and the operations in operations/:
 * typed documents in src/gql/ (generated, not committed). DateTime is ISO-8601 text on the wire,
 * so it is a string here (the scalar's @specifiedBy URL says which format).
 */
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['operations/*.graphql'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          DateTime: { input: 'string', output: 'string' },
          JSON: { input: 'unknown', output: 'unknown' },
        },
        strictScalars: true,
      },
    },
  },
  ignoreNoDocuments: false,
};

export = config;
