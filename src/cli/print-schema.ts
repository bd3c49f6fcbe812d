import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printSortedSchema } from '../graphql/schema';

/** Rewrites schema.graphql at the project root from the code. */
const target = path.resolve(__dirname, '../../..', 'schema.graphql');
writeFileSync(target, printSortedSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
