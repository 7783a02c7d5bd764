import { ensureDatabase } from '@rental/persistence';
import { Pool, type PoolClient } from 'pg';
import type { DeadLetterAddress } from './dead-letter-record';

export type DeadLetterDecisionKind = 'replayed' | 'discarded';

export interface DeadLetterDecision {
  at: DeadLetterAddress;
  decision: DeadLetterDecisionKind;
  note: string | null;
  eventId: string | null;
  eventType: string | null;
  /** Where the replayed copy landed: `topic[partition]@offset`. */
  replayedTo: string | null;
  decidedBy: string;
  decidedAt: Date;
}

/** Thrown when a dead letter already has a decision and the operator did not say --force. */
export class AlreadyDecided extends Error {
  constructor(readonly previous: DeadLetterDecision) {
    super(
      `${previous.at.topic}[${previous.at.partition}]@${previous.at.offset} was already ${previous.decision} by ${previous.decidedBy} at ${previous.decidedAt.toISOString()}` +
        `${previous.replayedTo ? ` (to ${previous.replayedTo})` : ''}${previous.note ? `: "${previous.note}"` : ''}; say --force to do it again`,
    );
  }
}

interface DecisionRow {
  dead_letter_topic: string;
  partition: number;
  offset: string;
  decision: DeadLetterDecisionKind;
  note: string | null;
  event_id: string | null;
  event_type: string | null;
  replayed_to: string | null;
  decided_by: string;
  decided_at: Date;
}

const toDecision = (row: DecisionRow): DeadLetterDecision => ({
  at: { topic: row.dead_letter_topic, partition: row.partition, offset: row.offset },
  decision: row.decision,
  note: row.note,
  eventId: row.event_id,
  eventType: row.event_type,
  replayedTo: row.replayed_to,
  decidedBy: row.decided_by,
  decidedAt: row.decided_at,
});

/**
 * What operators decided about dead letters, in a database of their own (no service's tables are
 * touched). A table rather than a marker topic because the decision must be taken once: the
 * decision is written in the same transaction that holds a lock on the dead letter while its
 * replay is published, so two operators replaying the same one at once cannot both do it. Every
 * decision is kept (a --force replay adds a row), the latest one counts.
 */
export class DeadLetterDecisions {
  private constructor(private readonly pool: Pool) {}

  static async open(databaseUrl: string): Promise<DeadLetterDecisions> {
    await ensureDatabase(databaseUrl);
    const pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'rental-ops' });
    // The CLI is the table's only user and it only ever adds to it: creating it on first use is its whole migration.
    await pool.query(`
      CREATE TABLE IF NOT EXISTS dead_letter_decision (
        id                bigserial PRIMARY KEY,
        dead_letter_topic text NOT NULL,
        partition         int NOT NULL,
        "offset"          bigint NOT NULL,
        decision          text NOT NULL CHECK (decision IN ('replayed', 'discarded')),
        note              text,
        event_id          text,
        event_type        text,
        replayed_to       text,
        decided_by        text NOT NULL,
        decided_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await pool.query(`CREATE INDEX IF NOT EXISTS dead_letter_decision_at ON dead_letter_decision (dead_letter_topic, partition, "offset")`);
    return new DeadLetterDecisions(pool);
  }

  /** The latest decision per dead letter of these topics, keyed `topic:partition:offset`. */
  async latest(topics: string[]): Promise<Map<string, DeadLetterDecision>> {
    const { rows } = await this.pool.query<DecisionRow>(
      `SELECT DISTINCT ON (dead_letter_topic, partition, "offset") dead_letter_topic, partition, "offset"::text AS "offset",
              decision, note, event_id, event_type, replayed_to, decided_by, decided_at
         FROM dead_letter_decision WHERE dead_letter_topic = ANY($1)
        ORDER BY dead_letter_topic, partition, "offset", id DESC`,
      [topics],
    );
    return new Map(rows.map((row) => [decisionKey(toDecision(row).at), toDecision(row)]));
  }

  /**
   * Runs `act` (the replay, or nothing for a discard) while holding the dead letter, and records its
   * decision in the same transaction: refused with AlreadyDecided when one exists and `force` is off;
   * nothing is recorded when `act` throws. `act` returns where the replay landed.
   */
  async decide(
    decision: Omit<DeadLetterDecision, 'decidedAt' | 'replayedTo'>,
    options: { force: boolean },
    act: () => Promise<string | null> = async () => null,
  ): Promise<DeadLetterDecision> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [decisionKey(decision.at)]);
      const previous = await this.previous(client, decision.at);
      if (previous && !options.force) throw new AlreadyDecided(previous);
      const replayedTo = await act();
      const { rows } = await client.query<DecisionRow>(
        `INSERT INTO dead_letter_decision (dead_letter_topic, partition, "offset", decision, note, event_id, event_type, replayed_to, decided_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING dead_letter_topic, partition, "offset"::text AS "offset", decision, note, event_id, event_type, replayed_to, decided_by, decided_at`,
        [
          decision.at.topic,
          decision.at.partition,
          decision.at.offset,
          decision.decision,
          decision.note,
          decision.eventId,
          decision.eventType,
          replayedTo,
          decision.decidedBy,
        ],
      );
      await client.query('COMMIT');
      return toDecision(rows[0]);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async previous(client: PoolClient, at: DeadLetterAddress): Promise<DeadLetterDecision | undefined> {
    const { rows } = await client.query<DecisionRow>(
      `SELECT dead_letter_topic, partition, "offset"::text AS "offset", decision, note, event_id, event_type, replayed_to, decided_by, decided_at
         FROM dead_letter_decision WHERE dead_letter_topic = $1 AND partition = $2 AND "offset" = $3 ORDER BY id DESC LIMIT 1`,
      [at.topic, at.partition, at.offset],
    );
    return rows[0] ? toDecision(rows[0]) : undefined;
  }
}

export const decisionKey = (at: DeadLetterAddress): string => `${at.topic}:${at.partition}:${at.offset}`;
