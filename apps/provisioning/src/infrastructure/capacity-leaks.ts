/** Something provisioning still holds that no running rental uses. */
export interface CapacityLeak {
  kind: 'hold' | 'allocation' | 'ip_address';
  order_id: string | null;
  machine_id: string | null;
  detail: string;
}

/**
 * Every capacity hold, host allocation and IP address that is neither released nor in use by a
 * running machine that stays: a hold for an order not (yet) provisioned (unpaid, or paid and
 * waiting for its start), an allocation or address of a machine that is not running or is being
 * taken back. No rows once every rental has settled. Plain SQL over provisioning's own tables, for
 * operators and for tests that check the books of many rentals (run it on the provisioning
 * database; each row is a CapacityLeak).
 */
export const CAPACITY_LEAKS_SQL = `
  SELECT 'hold' AS kind, h.order_id::text AS order_id, NULL::text AS machine_id,
         'hold ' || h.hold_id || ' on host ' || h.host_id || ' from ' || h.occupied_from ||
         COALESCE(' until ' || h.occupied_until, '') ||
         COALESCE(', expiring ' || h.expires_at, ', paid, waiting for its provisioning to start') AS detail
    FROM capacity_holds h
  UNION ALL
  SELECT 'allocation', a.order_id::text, a.machine_id::text,
         'host ' || a.host_id || ', machine ' || COALESCE(m.status, 'missing') || COALESCE(', ' || m.deprovision_reason, '')
    FROM allocations a LEFT JOIN machines m ON m.id = a.machine_id
   WHERE m.status IS DISTINCT FROM 'running' OR m.deprovision_reason IS NOT NULL
  UNION ALL
  SELECT 'ip_address', m.order_id::text, i.machine_id::text,
         host(i.address) || ', machine ' || COALESCE(m.status, 'missing') || COALESCE(', ' || m.deprovision_reason, '')
    FROM ip_addresses i LEFT JOIN machines m ON m.id = i.machine_id
   WHERE m.status IS DISTINCT FROM 'running' OR m.deprovision_reason IS NOT NULL`;
