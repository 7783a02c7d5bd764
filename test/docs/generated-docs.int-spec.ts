import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi, consumerTable, invoicePaidV1, platformEvents, type ServiceConsumption } from '@rental/contracts';
import { processTable } from '../../apps/order/src/application/process/process-table';
import { RENTAL_PROCESS } from '../../apps/order/src/application/process/rental-process';
import { consumerCatalogue, withConsumerTable, withProcessTable } from '../../deploy/local/consumer-catalogue';

/** The documents generated from the code are the committed ones: run `npm run asyncapi` after changing a contract or a handler. */
describe('the generated documentation', () => {
  let consumers: ServiceConsumption[];
  const committed = (file: string) => readFileSync(join(process.cwd(), file), 'utf8');

  beforeAll(async () => {
    consumers = await consumerCatalogue();
  });

  it("finds the services' handlers by their metadata", () => {
    const paid = consumers.flatMap((c) => c.handlers.filter((h) => h.handles.includes(invoicePaidV1)).map((h) => `${c.service}: ${h.name}`));
    expect(paid.sort()).toEqual(['gateway: InvoiceProjection.onInvoicePaid', 'notification: InvoicePaidHandler.onInvoicePaid', 'order: RentalProcessManager.advance']);
  });

  it('docs/asyncapi.json is the document the contracts and handlers give', () => {
    expect(JSON.parse(committed('docs/asyncapi.json'))).toEqual(JSON.parse(JSON.stringify(buildAsyncApi(platformEvents, consumers))));
  });

  it("ARCHITECTURE.md's consumer table is the one the handlers give", () => {
    const architecture = committed('ARCHITECTURE.md');
    expect(architecture).toBe(withConsumerTable(architecture, consumerTable(consumers)));
  });

  it("ARCHITECTURE.md's table of the rental's process is the one its definition gives", () => {
    const architecture = committed('ARCHITECTURE.md');
    expect(architecture).toBe(withProcessTable(architecture, processTable(RENTAL_PROCESS)));
  });
});
