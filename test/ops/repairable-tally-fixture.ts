import { type DynamicModule, Injectable, Module } from '@nestjs/common';
import type { EventEnvelope } from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type Entry, type FixtureOptions, infrastructure, TallyTables1795600000001 } from '../fixtures/fixture-modules';
import { entryPostedV1 } from '../fixtures/ledger-contracts';

export class BlockedAccounts1795600000002 implements MigrationInterface {
  name = 'BlockedAccounts1795600000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tally_blocked_account (account text PRIMARY KEY)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tally_blocked_account`);
  }
}

/**
 * A tally whose handler fails for an account listed in tally_blocked_account, for as long as it is
 * listed: a cause an operator can fix (delete the row), after which a replayed event must apply.
 */
@Injectable()
export class RepairableTallyHandler {
  @HandleEvent(entryPostedV1)
  async onEntryPosted(event: EventEnvelope<Entry>, ctx: EventContext): Promise<void> {
    const blocked = await ctx.manager.query(`SELECT 1 FROM tally_blocked_account WHERE account = $1`, [event.payload.account]);
    if (blocked.length > 0) throw new Error(`the account "${event.payload.account}" is blocked`);
    await ctx.manager.query(`INSERT INTO tally_applied (event_id, account, seq, amount_cents) VALUES ($1, $2, $3, $4)`, [
      event.id,
      event.payload.account,
      event.payload.seq,
      event.payload.amountCents,
    ]);
  }
}

@Module({})
export class RepairableTallyModule {
  static register(options: FixtureOptions): DynamicModule {
    return {
      module: RepairableTallyModule,
      imports: infrastructure('tally', options, [TallyTables1795600000001, BlockedAccounts1795600000002]),
      providers: [RepairableTallyHandler],
    };
  }
}
