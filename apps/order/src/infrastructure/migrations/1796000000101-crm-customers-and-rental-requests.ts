import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The order service's copy of the CRM's customers, and the rentals the CRM requested with their answers. */
export class CrmCustomersAndRentalRequests1796000000101 implements MigrationInterface {
  name = 'CrmCustomersAndRentalRequests1796000000101';

  async up(q: QueryRunner): Promise<void> {
    // as_of: the registeredAt or updatedAt of the record held, so an older record sent again never overwrites a newer one.
    await q.query(`
      CREATE TABLE crm_customers (
        customer_id     uuid PRIMARY KEY,
        company_name    text NOT NULL,
        kind            text NOT NULL CHECK (kind IN ('business', 'consumer')),
        billing_address jsonb NOT NULL,
        country         char(2) NOT NULL,
        vat_number      text,
        language        text NOT NULL,
        contact_email   text NOT NULL,
        as_of           timestamptz NOT NULL
      )`);
    // One row per requestId ever read, so the same request sent again under a new event id does nothing.
    await q.query(`
      CREATE TABLE rental_requests (
        request_id       uuid PRIMARY KEY,
        customer_id      uuid NOT NULL,
        status           text NOT NULL CHECK (status IN ('received', 'placed', 'accepted', 'rejected')),
        quote_id         uuid REFERENCES quotes (id),
        order_id         uuid UNIQUE REFERENCES orders (id),
        discount_percent numeric(5, 2),
        reason           text,
        received_at      timestamptz NOT NULL,
        answered_at      timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rental_requests`);
    await q.query(`DROP TABLE crm_customers`);
  }
}
