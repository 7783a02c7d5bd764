import { createPublicKey, type KeyObject } from 'node:crypto';
import { rootPasswordContext } from '@rental/contracts';
import { sealSecret } from '@rental/secrets';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Root passwords are kept sealed (machine.running v2), never in clear. A password a customer has
 * not read yet is sealed to the gateway's own key here, exactly as provisioning now seals one, so
 * it can still be revealed once; then the clear column goes. Made with the key, which only the
 * running gateway has: hence a class built by a function rather than a plain migration class.
 */
export function gatewaySealedRootPasswords(secretsPrivateKey: KeyObject) {
  const publicKey = createPublicKey(secretsPrivateKey);
  return class GatewaySealedRootPasswords1797100000000 implements MigrationInterface {
    name = 'GatewaySealedRootPasswords1797100000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE gateway_machines ADD COLUMN root_password_sealed jsonb`);
      const unread: { machine_id: string; order_id: string; root_password: string }[] = await q.query(
        `SELECT machine_id, order_id, root_password FROM gateway_machines WHERE root_password IS NOT NULL`,
      );
      for (const row of unread) {
        const sealed = sealSecret(row.root_password, publicKey, rootPasswordContext(row.order_id, row.machine_id));
        await q.query(`UPDATE gateway_machines SET root_password_sealed = $2 WHERE machine_id = $1`, [row.machine_id, JSON.stringify(sealed)]);
      }
      await q.query(`ALTER TABLE gateway_machines DROP COLUMN root_password`);
      await q.query(`ALTER TABLE gateway_machines ADD COLUMN root_password_revealable boolean GENERATED ALWAYS AS (root_password_sealed IS NOT NULL) STORED`);
    }

    /** Never opens the sealed passwords back into clear: going back loses the ones not revealed yet. */
    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE gateway_machines DROP COLUMN root_password_revealable, DROP COLUMN root_password_sealed, ADD COLUMN root_password text`);
    }
  };
}
