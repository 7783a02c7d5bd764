import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs several reads of the read model on one consistent snapshot. A view assembled from separate
 * queries could otherwise show half of a projection's commit (an invoice still open beside the
 * credit note that cancelled it).
 */
export function readSnapshot<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    return read(manager);
  });
}
