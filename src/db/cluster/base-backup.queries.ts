import { type Client } from 'pg';

/** Creates the physical replication slot `slot` with its WAL reserved from now, so a standby can start from a backup taken after. */
export async function createPhysicalSlot(client: Client, slot: string): Promise<void> {
  await client.query(`SELECT pg_create_physical_replication_slot($1, true)`, [slot]);
}

/** Starts a non-exclusive base backup (PostgreSQL 15+), with an immediate checkpoint; it belongs to `client`'s session. */
export async function backupStart(client: Client, label: string): Promise<void> {
  await client.query(`SELECT pg_backup_start($1, true)`, [label]);
}

/** Ends the session's base backup once its WAL is archived or streamed; returns the `backup_label` the copy needs. */
export async function backupStop(client: Client): Promise<string> {
  const { rows } = await client.query<{ labelfile: string }>(`SELECT labelfile FROM pg_backup_stop(true)`);
  return rows[0]!.labelfile;
}
