import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  astFromValue,
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
} from 'graphql';
import { getSchema, printSortedSchema } from '../src/graphql/schema';

const committedSchema = readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8');
/** The client teams' contract; a copy is kept in the repo so the test runs wherever the repo is cloned. */
const CONTRACT_COPY = path.resolve(__dirname, 'contract/api-contract.graphql');
const SHARED_CONTRACT = path.resolve(__dirname, '../../shared/design/api-contract.graphql');
const contractText = readFileSync(CONTRACT_COPY, 'utf8');
const contract = buildSchema(contractText);

function ownTypes(): GraphQLNamedType[] {
  return Object.values(getSchema().getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );
}

function defaultOf(arg: GraphQLArgument | GraphQLInputField): string | undefined {
  const literal = arg.defaultValue === undefined ? null : astFromValue(arg.defaultValue, arg.type);
  return literal ? print(literal) : undefined;
}

/**
 * Whether every value the contract lets a client pass to `promised` still goes to `actual`: the
 * same type, or the same type made nullable (`source(id: ID!)` became `source(id: ID, slug: String)`,
 * which every operation written against the contract still validates against).
 */
function acceptsArgumentsOf(actual: GraphQLArgument, promised: GraphQLArgument): boolean {
  const promisedType = String(promised.type);
  return String(actual.type) === promisedType || `${String(actual.type)}!` === promisedType;
}

/** Every difference between what the contract promises and what the schema has, as sentences. */
function contractBreaks(): string[] {
  const schema = getSchema();
  const breaks: string[] = [];
  for (const promised of Object.values(contract.getTypeMap())) {
    if (isIntrospectionType(promised) || isSpecifiedScalarType(promised)) continue;
    const actual = schema.getType(promised.name);
    if (!actual) {
      breaks.push(`type ${promised.name} is missing`);
      continue;
    }
    if (actual.constructor !== promised.constructor) breaks.push(`${promised.name} is a different kind of type`);
    if ((isObjectType(promised) || isInterfaceType(promised)) && (isObjectType(actual) || isInterfaceType(actual))) {
      const actualFields = actual.getFields();
      for (const field of Object.values(promised.getFields()) as GraphQLField<unknown, unknown>[]) {
        const mine = actualFields[field.name];
        if (!mine) breaks.push(`${promised.name}.${field.name} is missing`);
        else if (String(mine.type) !== String(field.type)) {
          breaks.push(`${promised.name}.${field.name} is ${String(mine.type)}, promised ${String(field.type)}`);
        } else {
          for (const arg of field.args) {
            const myArg = mine.args.find((candidate) => candidate.name === arg.name);
            if (!myArg) breaks.push(`${promised.name}.${field.name}(${arg.name}) is missing`);
            else if (!acceptsArgumentsOf(myArg, arg) || defaultOf(myArg) !== defaultOf(arg)) {
              breaks.push(`${promised.name}.${field.name}(${arg.name}) differs`);
            }
          }
          const extraRequired = mine.args.filter(
            (a) =>
              !field.args.some((b) => b.name === a.name) &&
              String(a.type).endsWith('!') &&
              a.defaultValue === undefined,
          );
          for (const arg of extraRequired)
            breaks.push(`${promised.name}.${field.name}(${arg.name}) is a new required argument`);
        }
      }
      for (const iface of promised.getInterfaces()) {
        if (!actual.getInterfaces().some((candidate) => candidate.name === iface.name)) {
          breaks.push(`${promised.name} does not implement ${iface.name}`);
        }
      }
    }
    if (isInputObjectType(promised) && isInputObjectType(actual)) {
      for (const field of Object.values(promised.getFields())) {
        const mine = actual.getFields()[field.name];
        if (!mine || String(mine.type) !== String(field.type) || defaultOf(mine) !== defaultOf(field)) {
          breaks.push(`input ${promised.name}.${field.name} differs or is missing`);
        }
      }
    }
    if (isEnumType(promised) && isEnumType(actual)) {
      for (const value of promised.getValues()) {
        if (!actual.getValue(value.name)) breaks.push(`enum value ${promised.name}.${value.name} is missing`);
      }
    }
    if (isUnionType(promised) && isUnionType(actual)) {
      for (const member of promised.getTypes()) {
        if (!actual.getTypes().some((candidate) => candidate.name === member.name)) {
          breaks.push(`union ${promised.name} lacks ${member.name}`);
        }
      }
    }
  }
  return breaks;
}

/** Every type, field, argument, input field and enum value without a description. */
function undescribed(): string[] {
  const missing: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(where);
  };
  for (const type of ownTypes()) {
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    }
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing;
}

describe('schema.graphql', () => {
  it('is what the code generates (run `npm run schema` after changing the API)', () => {
    expect(committedSchema).toBe(printSortedSchema());
  });

  it('contains every type, field, argument and enum value of the API contract unchanged', () => {
    expect(contractBreaks()).toEqual([]);
  });

  it('accepts a promised non-null argument made nullable, and nothing else that changes an argument', () => {
    const [nonNull, nullable, other] = buildSchema('type Query { f(a: ID!, b: ID, c: String): ID }')
      .getQueryType()!
      .getFields().f!.args;
    expect(acceptsArgumentsOf(nullable!, nonNull!)).toBe(true);
    expect(acceptsArgumentsOf(nonNull!, nullable!)).toBe(false);
    expect(acceptsArgumentsOf(other!, nonNull!)).toBe(false);
  });

  it('describes every type, field, argument, input field and enum value', () => {
    expect(undescribed()).toEqual([]);
  });

  it('checks against the current contract (the copy in test/contract matches shared/design)', () => {
    if (existsSync(SHARED_CONTRACT)) expect(contractText).toBe(readFileSync(SHARED_CONTRACT, 'utf8'));
  });

  it('is sorted by type name', () => {
    const names = [...committedSchema.matchAll(/^(?:type|enum|input|interface|union|scalar) (\w+)/gm)].map((m) => m[1]);
    expect(names).toEqual([...names].sort());
  });
});
