import type { Customer } from '../../application/ports/customer-store';
import type { CustomerView } from '../dto/customer.view';
import { iso } from './iso';

export function presentCustomer(customer: Customer): CustomerView {
  return {
    id: customer.id,
    name: customer.name,
    email: customer.email,
    language: customer.language,
    country: customer.country,
    kind: customer.kind,
    ...(customer.vatNumber ? { vatNumber: customer.vatNumber } : {}),
    createdAt: iso(customer.createdAt),
    source: customer.source,
  };
}
