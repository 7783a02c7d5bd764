import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase, uniqueId } from '../../../test/support/isolation';
import { renderMessage } from '../src/domain/render';
import { NotificationSchema1795800000000 } from '../src/infrastructure/migrations/1795800000000-notification-schema';
import { NotificationLifecycleKinds1796500000000 } from '../src/infrastructure/migrations/1796500000000-notification-lifecycle-kinds';
import { NotificationCrmCustomers1796800000000 } from '../src/infrastructure/migrations/1796800000000-notification-crm-customers';
import { NotificationScheduledKind1797000000000 } from '../src/infrastructure/migrations/1797000000000-notification-scheduled-kind';
import { NotificationSealedPasswords1797100000000 } from '../src/infrastructure/migrations/1797100000000-notification-sealed-passwords';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const BEFORE: Function[] = [
  NotificationSchema1795800000000,
  NotificationLifecycleKinds1796500000000,
  NotificationCrmCustomers1796800000000,
  NotificationScheduledKind1797000000000,
];

/** A machine-ready mail parked for its customer before machine.running v2 held the password in its input. */
describe('the sealed passwords migration of notification', () => {
  let url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const open = (migrations: Function[]) => new DataSource({ type: 'postgres', url, migrations, migrationsTransactionMode: 'each' }).initialize();

  beforeAll(async () => {
    url = await createTestDatabase(`notification_migration_${uniqueId()}`);
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('drops the password from parked machine-ready inputs, which then render a mail pointing to the reveal', async () => {
    const orderId = randomUUID();
    const before = await open(BEFORE);
    await before.runMigrations();
    const input = { hostname: 'debian-1.ams1.rental.example', ipAddress: '203.0.113.10', access: { method: 'password', rootPassword: 'Parked-clear-Pw-42' } };
    await before.query(
      `INSERT INTO notification_awaiting_customer (causing_event_id, correlation_id, order_id, kind, input, received_at) VALUES ($1, 'c', $2, 'machine-ready', $3, now())`,
      [randomUUID(), orderId, JSON.stringify(input)],
    );
    await before.destroy();

    const after = await open([...BEFORE, NotificationSealedPasswords1797100000000]);
    await after.runMigrations();
    const [row] = await after.query(`SELECT input, t::text AS whole FROM notification_awaiting_customer t`);
    expect(row.whole).not.toContain('Parked-clear-Pw-42');
    expect(row.input).toEqual({ orderId, hostname: 'debian-1.ams1.rental.example', ipAddress: '203.0.113.10', access: { method: 'password' } });
    const mail = renderMessage('machine-ready', 'en', row.input);
    if (!mail.ok) throw new Error(`the parked input must still render: ${JSON.stringify(mail.error)}`);
    expect(mail.value.text).toContain(`POST /v1/orders/${orderId}/machines/{machineId}/root-password`);
    await after.destroy();
  });
});
