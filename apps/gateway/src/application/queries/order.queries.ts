import { Injectable } from '@nestjs/common';
import { type MachineRecord, OrderReadModel, type OrderRecord, type OrderTimelineEntry } from '../ports/order-read-model';
import { type Page, ReadSnapshot } from '../ports/read-snapshot';
import { type ExtensionDetails, ExtensionQueries } from './extension.queries';
import { type InvoiceDetails, InvoiceQueries } from './invoice.queries';

export interface OrderDetails {
  order: OrderRecord;
  timeline: OrderTimelineEntry[];
  /** The rental's invoice and its extensions' invoices, oldest first. */
  invoices: InvoiceDetails[];
  extensions: ExtensionDetails[];
  machines: MachineRecord[];
}

/** The customer's orders, from the read model; another customer's order is as absent as an unknown one. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly snapshot: ReadSnapshot,
    private readonly orders: OrderReadModel,
    private readonly invoices: InvoiceQueries,
    private readonly extensions: ExtensionQueries,
  ) {}

  find(customerId: string, orderId: string): Promise<OrderRecord | null> {
    return this.orders.find(customerId, orderId);
  }

  /** Everything about one order, on one snapshot. Never a root password: those are revealed once, by RevealRootPasswordHandler. */
  async details(customerId: string, orderId: string): Promise<OrderDetails | null> {
    const order = await this.find(customerId, orderId);
    if (!order) return null;
    return this.snapshot.read(async (tx) => {
      const current = (await this.orders.find(customerId, orderId, tx)) ?? order;
      const timeline = await this.orders.timelineAfter(orderId, 0, tx);
      const invoices = await this.invoices.forOrder(tx, customerId, orderId);
      const extensions = await this.extensions.forOrder(tx, customerId, orderId);
      const machines = await this.orders.machinesOf(tx, orderId);
      return { order: current, timeline, invoices, extensions, machines };
    });
  }

  list(customerId: string, limit: number, after?: string): Promise<Page<OrderRecord>> {
    return this.orders.page(customerId, limit, after);
  }

  /**
   * The order's status, and how long ago (by the database's clock) its latest timeline entry was
   * applied; null when it has no entry yet.
   */
  feedState(orderId: string): Promise<{ status: string; quietForMs: number | null } | null> {
    return this.orders.feedState(orderId);
  }

  timelineAfter(orderId: string, afterSeq: number): Promise<OrderTimelineEntry[]> {
    return this.orders.timelineAfter(orderId, afterSeq);
  }
}
