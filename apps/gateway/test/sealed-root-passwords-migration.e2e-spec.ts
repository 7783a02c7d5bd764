import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { rootPasswordContext } from '@rental/contracts';
import { openSealedSecret } from '@rental/secrets';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase, uniqueId } from '../../../test/support/isolation';
import { GatewaySchema1795800000000 } from '../src/infrastructure/migrations/1795800000000-gateway-schema';
import { GatewayRentalLifecycle1796100000000 } from '../src/infrastructure/migrations/1796100000000-gateway-rental-lifecycle';
import { GatewayCrmCustomers1796800000000 } from '../src/infrastructure/migrations/1796800000000-gateway-crm-customers';
import { GatewayInvoiceBillingAddress1796900000000 } from '../src/infrastructure/migrations/1796900000000-gateway-invoice-billing-address';
import { gatewaySealedRootPasswords } from '../src/infrastructure/migrations/1797100000000-gateway-sealed-root-passwords';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const BEFORE: Function[] = [
  GatewaySchema1795800000000,
  GatewayRentalLifecycle1796100000000,
  GatewayCrmCustomers1796800000000,
  GatewayInvoiceBillingAddress1796900000000,
];

/**
 * The gateway's machines from before root passwords were sealed: a password the customer has not
 * read yet is sealed with the gateway's key, so it can still be revealed once, and no column holds
 * one in clear any more.
 */
describe('the sealed root passwords migration', () => {
  const key = generateKeyPairSync('x25519');
  let url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  const open = (migrations: Function[]) => new DataSource({ type: 'postgres', url, migrations, migrationsTransactionMode: 'each' }).initialize();

  beforeAll(async () => {
    url = await createTestDatabase(`gateway_migration_${uniqueId()}`);
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('seals unread passwords with the gateway key, drops the clear column, and can be undone without opening them', async () => {
    const orderId = randomUUID();
    const [unread, revealed, withKey] = [randomUUID(), randomUUID(), randomUUID()];
    const before = await open(BEFORE);
    await before.runMigrations();
    const insert = `INSERT INTO gateway_machines (machine_id, order_id, hostname, ip_address, access_method, root_password, password_revealed_at, running_since)
                    VALUES ($1, $2, 'debian.ams1.rental.example', '203.0.113.10', $3, $4, $5, '2026-11-25T09:21:30Z')`;
    await before.query(insert, [unread, orderId, 'password', 'Unread-clear-Pw-42', null]);
    await before.query(insert, [revealed, orderId, 'password', null, '2026-11-25T10:00:00Z']);
    await before.query(insert, [withKey, orderId, 'ssh-key', null, null]);
    await before.destroy();

    const after = await open([...BEFORE, gatewaySealedRootPasswords(key.privateKey)]);
    await after.runMigrations();
    const rows = await after.query(
      `SELECT machine_id, root_password_sealed, root_password_revealable, t::text AS whole FROM gateway_machines t ORDER BY access_method, password_revealed_at NULLS FIRST`,
    );
    const byId = new Map(rows.map((row: { machine_id: string }) => [row.machine_id, row]));
    const sealed = byId.get(unread) as { root_password_sealed: Parameters<typeof openSealedSecret>[0]; root_password_revealable: boolean };
    expect(openSealedSecret(sealed.root_password_sealed, key.privateKey, rootPasswordContext(orderId, unread))).toBe('Unread-clear-Pw-42');
    expect(sealed.root_password_revealable).toBe(true);
    expect(byId.get(revealed)).toMatchObject({ root_password_sealed: null, root_password_revealable: false });
    expect(byId.get(withKey)).toMatchObject({ root_password_sealed: null, root_password_revealable: false });
    expect(rows.filter((row: { whole: string }) => row.whole.includes('Unread-clear-Pw-42'))).toEqual([]);
    const columns = await after.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'gateway_machines' AND column_name LIKE 'root_password%' ORDER BY 1`,
    );
    expect(columns).toEqual([{ column_name: 'root_password_revealable' }, { column_name: 'root_password_sealed' }]);

    await after.undoLastMigration();
    const undone = await after.query(`SELECT root_password FROM gateway_machines ORDER BY machine_id`);
    expect(undone).toEqual([{ root_password: null }, { root_password: null }, { root_password: null }]);
    await after.destroy();
  });
});
