import type { ExtensionDetails } from '../../application/queries/extension.queries';
import { extensionStatus } from '../../domain/extension-status';
import type { ExtensionView } from '../dto/extension.view';
import { iso, isoOrUndefined } from './iso';

export function presentExtension({ extension, invoice }: ExtensionDetails): ExtensionView {
  return {
    id: extension.extensionId,
    orderId: extension.orderId,
    status: extensionStatus({
      rejected: extension.rejectionReason !== null,
      applied: extension.appliedAt !== null,
      lapsed: extension.lapsedAt !== null,
      invoiceStatus: invoice?.status,
    }),
    description: extension.description ?? undefined,
    period: extension.periodStart && extension.periodEnd ? { start: iso(extension.periodStart), end: iso(extension.periodEnd) } : undefined,
    price: extension.price ?? undefined,
    paymentDueAt: isoOrUndefined(extension.paymentDueAt),
    invoice: invoice
      ? {
          number: invoice.invoiceNumber,
          status: invoice.status,
          grossCents: invoice.grossCents,
          currency: invoice.currency,
          dueAt: iso(invoice.dueAt),
          checkoutUrl: invoice.checkoutUrl,
        }
      : undefined,
    appliedAt: isoOrUndefined(extension.appliedAt),
    lapsedAt: isoOrUndefined(extension.lapsedAt),
    rejection: extension.rejectionReason ? { reason: extension.rejectionReason, detail: extension.rejectionDetail ?? '' } : undefined,
  };
}
