import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobStepName } from '../../domain/job-step';

/** One run of one datacentre step for a machine; a retried step has a row per run. */
@Entity('machine_job_steps')
export class MachineJobStepEntity {
  @PrimaryColumn({ name: 'machine_id', type: 'uuid' })
  machineId!: string;

  /** Position in the machine's job, from 0. */
  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'text' })
  step!: JobStepName;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome!: 'succeeded' | 'failed' | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;
}
