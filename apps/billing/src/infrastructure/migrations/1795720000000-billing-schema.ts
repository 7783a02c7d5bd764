import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Invoices with their lines and ledger, payments and the provider's reports, and the number series. */
export class BillingSchema1795720000000 implements MigrationInterface {
  name = 'BillingSchema1795720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
        last int NOT NULL CHECK (last >= 1)
      )`);
    await q.query(`
      CREATE TABLE credit_note_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
        last int NOT NULL CHECK (last >= 1)
      )`);

    await q.query(`
      CREATE TABLE invoices (
        number                            text PRIMARY KEY CHECK (number ~ '^[0-9]{4}-[0-9]{6}$'),
        order_id                          uuid NOT NULL,
        customer_id                       uuid NOT NULL,
        customer_name                     text NOT NULL,
        customer_email                    text NOT NULL,
        customer_language                 text NOT NULL,
        customer_country                  text NOT NULL,
        customer_kind                     text NOT NULL CHECK (customer_kind IN ('consumer', 'business')),
        customer_vat_number               text,
        seller_name                       text NOT NULL,
        seller_address                    text NOT NULL,
        seller_country                    text NOT NULL,
        seller_vat_number                 text NOT NULL,
        seller_chamber_of_commerce_number text NOT NULL,
        vat_rate_percent                  numeric(5, 2) NOT NULL,
        vat_treatment                     text NOT NULL CHECK (vat_treatment IN ('standard', 'reverse_charge', 'outside_eu')),
        vat_note                          text,
        currency                          text NOT NULL,
        net_cents                         bigint NOT NULL CHECK (net_cents >= 0),
        vat_cents                         bigint NOT NULL CHECK (vat_cents >= 0),
        gross_cents                       bigint NOT NULL CHECK (gross_cents = net_cents + vat_cents),
        issued_at                         timestamptz NOT NULL,
        due_at                            timestamptz NOT NULL CHECK (due_at >= issued_at),
        status                            text NOT NULL CHECK (status IN ('open', 'paid', 'cancelled')),
        credit_note_number                text CHECK (credit_note_number ~ '^CN-[0-9]{4}-[0-9]{6}$'),
        credit_note_issued_at             timestamptz,
        credit_note_reason                text
      )`);
    // One invoice per order: a second order.accepted for the same order cannot take a second number.
    await q.query(`CREATE UNIQUE INDEX invoices_order_id ON invoices (order_id)`);
    await q.query(`CREATE UNIQUE INDEX invoices_credit_note_number ON invoices (credit_note_number) WHERE credit_note_number IS NOT NULL`);

    await q.query(`
      CREATE TABLE invoice_lines (
        invoice_number   text NOT NULL REFERENCES invoices (number),
        position         int NOT NULL,
        description      text NOT NULL,
        quantity         int NOT NULL CHECK (quantity >= 1),
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
        line_total_cents bigint NOT NULL CHECK (line_total_cents = unit_price_cents * quantity),
        PRIMARY KEY (invoice_number, position)
      )`);

    await q.query(`
      CREATE TABLE invoice_ledger_entries (
        invoice_number text NOT NULL REFERENCES invoices (number),
        position       int NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('invoiced', 'payment', 'credit_note', 'refund')),
        amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
        at             timestamptz NOT NULL,
        reference      text NOT NULL,
        PRIMARY KEY (invoice_number, position)
      )`);

    await q.query(`
      CREATE TABLE payments (
        payment_id     uuid PRIMARY KEY,
        invoice_number text NOT NULL REFERENCES invoices (number),
        order_id       uuid NOT NULL,
        provider       text NOT NULL,
        amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
        currency       text NOT NULL,
        checkout_url   text NOT NULL,
        status         text NOT NULL CHECK (status IN ('open', 'paid', 'failed')),
        created_at     timestamptz NOT NULL,
        updated_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX payments_invoice_number ON payments (invoice_number)`);

    await q.query(`
      CREATE TABLE payment_reports (
        provider_event_id text PRIMARY KEY,
        payment_id        uuid NOT NULL REFERENCES payments (payment_id),
        status            text NOT NULL CHECK (status IN ('paid', 'failed')),
        amount_cents      bigint NOT NULL CHECK (amount_cents >= 0),
        currency          text NOT NULL,
        reported_at       timestamptz NOT NULL,
        failure_reason    text,
        outcome           text NOT NULL,
        recorded_at       timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX payment_reports_payment_id ON payment_reports (payment_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_reports`);
    await q.query(`DROP TABLE payments`);
    await q.query(`DROP TABLE invoice_ledger_entries`);
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE credit_note_number_counters`);
    await q.query(`DROP TABLE invoice_number_counters`);
  }
}
