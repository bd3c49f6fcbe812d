import { CoreSchema1795838400000 } from './1795838400000-core-schema';

/** Every migration, oldest first. Landed migrations are never edited; add new ones at the end. */
export const MIGRATIONS = [CoreSchema1795838400000];
