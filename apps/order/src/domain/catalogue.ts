import type { PlanPrices } from './pricing';

/** What can be rented: plans with their prices, locations and the images each offers. */
export interface CataloguePlan {
  readonly code: string;
  readonly name: string;
  readonly resources: { readonly vcpu: number; readonly memoryMb: number; readonly diskGb: number };
  readonly prices: PlanPrices;
  /** The largest discount, in percent of the list prices, an account manager may negotiate on this plan. */
  readonly maxDiscountPercent: number;
}

export interface CatalogueLocation {
  readonly code: string;
  readonly name: string;
  readonly country: string;
  readonly images: readonly string[];
}

export interface Catalogue {
  readonly plans: readonly CataloguePlan[];
  readonly locations: readonly CatalogueLocation[];
  readonly images: readonly { readonly code: string; readonly name: string }[];
}
