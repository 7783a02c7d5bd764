/** The platform's services and the HTTP port each listens on unless told otherwise. */
export const SERVICES = {
  gateway: { defaultPort: 3000 },
  order: { defaultPort: 3001 },
  billing: { defaultPort: 3002 },
  provisioning: { defaultPort: 3003 },
  notification: { defaultPort: 3004 },
} as const;

export type ServiceName = keyof typeof SERVICES;

export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

export const defaultDatabaseUrl = (service: ServiceName): string => `postgres://postgres@127.0.0.1:5432/rental_${service}`;

/** `order` -> `ORDER`: the prefix of a service's own variables (ORDER_PORT, ORDER_DATABASE_URL). */
export const envPrefix = (service: ServiceName): string => service.toUpperCase();
