import type { Language } from './language';

/** What a customer ordered, as an order event describes it. */
export interface OrderedPlan {
  readonly planCode: string;
  readonly resources: { readonly vcpu: number; readonly memoryMb: number; readonly diskGb: number };
  readonly quantity: number;
}

const DISK: Readonly<Record<Language, string>> = { en: 'disk', nl: 'schijf' };

/**
 * The plan line of the order-received mail: "2 × standard-4 (4 vCPU, 8 GB RAM, 160 GB disk)". The
 * resources are spelled out because a plan code means nothing to a customer who has not memorised
 * the catalogue; the quantity only shows when more than one machine was ordered.
 */
export function describePlan(plan: OrderedPlan, language: Language): string {
  const { vcpu, memoryMb, diskGb } = plan.resources;
  const machine = `${plan.planCode} (${vcpu} vCPU, ${formatMemory(memoryMb)} RAM, ${diskGb} GB ${DISK[language]})`;
  return plan.quantity > 1 ? `${plan.quantity} × ${machine}` : machine;
}

/** Whole gigabytes when the plan has them (as every catalogue plan does), megabytes otherwise. */
function formatMemory(memoryMb: number): string {
  return memoryMb % 1024 === 0 ? `${memoryMb / 1024} GB` : `${memoryMb} MB`;
}
