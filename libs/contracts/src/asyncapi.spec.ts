import { z } from 'zod';
import { buildAsyncApi } from './asyncapi';
import { consumerTable } from './consumer-table';
import { defineEvent } from './define-event';

const placed = defineEvent({
  type: 'order.placed',
  version: 1,
  producer: 'order',
  key: 'order id',
  description: 'A customer placed an order.',
  schema: z.object({ orderId: z.string().uuid(), totalCents: z.number().int() }),
  example: { orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11', totalCents: 4200 },
});
const paid = defineEvent({
  type: 'invoice.paid',
  version: 2,
  producer: 'billing',
  key: 'order id',
  description: 'An invoice was paid in full.',
  schema: z.object({ invoiceNumber: z.string() }),
});

const place = defineEvent({
  type: 'order.place',
  version: 1,
  producer: 'order',
  kind: 'command',
  senders: ['gateway'],
  key: 'order id',
  answeredBy: ['order.placed'],
  description: 'Place an order from a quote.',
  schema: z.object({ quoteId: z.string() }),
});

describe('buildAsyncApi', () => {
  const doc = buildAsyncApi([paid, placed, place]) as {
    channels: Record<string, { address: string; messages: Record<string, unknown> }>;
    components: { messages: Record<string, { name: string; payload: { properties: Record<string, unknown> }; examples?: unknown[]; headers: unknown }> };
    operations: Record<string, { action: string }>;
  };

  it('has one channel per producer at its topic, holding that producer’s events', () => {
    expect(doc.channels.orderEvents.address).toBe('rental.order.events.v1');
    expect(Object.keys(doc.channels.orderEvents.messages)).toEqual(['orderPlacedV1']);
    expect(doc.channels.billingEvents.address).toBe('rental.billing.events.v1');
    expect(doc.operations.billingPublishes.action).toBe('send');
  });

  it('puts commands on their owner’s command topic, received by the owner', () => {
    expect(doc.channels.orderCommands.address).toBe('rental.order.commands.v1');
    expect(Object.keys(doc.channels.orderCommands.messages)).toEqual(['orderPlaceV1']);
    expect(doc.operations.orderHandlesOrderPlaceV1.action).toBe('receive');
    expect(doc.operations.orderHandlesOrderPlaceV1).toMatchObject({
      reply: { channel: { $ref: '#/channels/orderEvents' }, messages: [{ $ref: '#/channels/orderEvents/messages/orderPlacedV1' }] },
    });
  });

  it('describes each payload with the JSON Schema of its zod schema, and its example', () => {
    const message = doc.components.messages.orderPlacedV1;
    expect(message.name).toBe('order.placed');
    expect(Object.keys(message.payload.properties)).toEqual(['orderId', 'totalCents']);
    expect(message.examples).toEqual([{ name: 'example', payload: placed.example }]);
    expect(doc.components.messages.invoicePaidV2.examples).toBeUndefined();
    expect(message.headers).toMatchObject({ properties: { ce_type: { const: 'order.placed' }, ce_schemaversion: { const: '1' } } });
  });

  it('refuses an example that breaks its own schema', () => {
    expect(() => defineEvent({ ...placed, example: { orderId: 'nope', totalCents: 1.5 } })).toThrow(/example does not satisfy/);
  });

  describe('with the services that consume', () => {
    const consumers = [
      {
        service: 'billing',
        handlers: [
          { name: 'PlacedHandler.onPlaced', handles: [placed] },
          { name: 'PlaceHandler.onPlace', handles: [place] },
        ],
      },
      {
        service: 'gateway',
        handlers: [
          { name: 'Projection.onPlaced', handles: [placed] },
          { name: 'Projection.onPaid', handles: [paid] },
        ],
      },
    ];
    const withConsumers = buildAsyncApi([paid, placed, place], consumers) as typeof doc & {
      operations: Record<string, { action: string; channel: { $ref: string }; messages: { $ref: string }[]; 'x-consumer-group'?: string }>;
    };

    it('has one receive operation per consumer group and topic, listing the facts it handles', () => {
      expect(withConsumers.operations.gatewayReceivesOrderEvents).toMatchObject({
        action: 'receive',
        channel: { $ref: '#/channels/orderEvents' },
        'x-consumer-group': 'rental.gateway',
        messages: [{ $ref: '#/channels/orderEvents/messages/orderPlacedV1' }],
      });
      expect(withConsumers.operations.gatewayReceivesBillingEvents.messages).toEqual([{ $ref: '#/channels/billingEvents/messages/invoicePaidV2' }]);
      expect(withConsumers.operations.billingReceivesOrderEvents.messages).toEqual([{ $ref: '#/channels/orderEvents/messages/orderPlacedV1' }]);
      // A command is received by its owner, once, in the owner's Handles operation.
      expect(Object.keys(withConsumers.operations).filter((id) => id.includes('Commands'))).toEqual([]);
    });

    it("documents each consumer's dead-letter topic and the headers a dead letter carries", () => {
      expect(withConsumers.channels.gatewayDeadLetters.address).toBe('rental.gateway.dlq.v1');
      expect(withConsumers.operations.billingDeadLetters.action).toBe('send');
      expect(withConsumers.components.messages.deadLetter.headers).toMatchObject({
        properties: { dlq_reason: { enum: expect.arrayContaining(['forged-source', 'schema-violation', 'handler-failed']) } },
      });
      expect(doc.components.messages.deadLetter).toBeUndefined();
    });
  });

  it('lists who handles what, one row per contract version', () => {
    const table = consumerTable([
      { service: 'gateway', handlers: [{ name: 'Projection.onPlaced', handles: [placed] }] },
      { service: 'billing', handlers: [{ name: 'Placed.on', handles: [placed] }] },
    ]);
    expect(table.split('\n')[2]).toBe(
      '| `order.placed v1` | event | order, `rental.order.events.v1` | billing: `Placed.on`<br>gateway: `Projection.onPlaced` |',
    );
  });
});
