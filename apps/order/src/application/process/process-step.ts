import type { EventDefinition, PayloadOf } from '@rental/contracts';
import type { Result } from '@rental/result';
import type { ArmedTimer } from '@rental/timers';
import type { Order, OrderEvent, OrderRejection, TimelineNote } from '../../domain/order';
import type { OrderStatus } from '../../domain/order-status';
import type { OrderTrigger } from '../../domain/order-transitions';
import type { OrderSettings } from '../../order-settings';
import type { OrderTransaction } from '../common/order-transaction';
import type { RentalRequestAnswers } from '../common/rental-request-answers';
import type { ExtensionStore } from '../ports/extension-store';
import type { CustomerSnapshot, OrderStore } from '../ports/order-store';
import type { QuoteStore } from '../ports/quote-store';
import type { ArmableTimer, RentalTimer, TimerArming } from './rental-timers';

/**
 * The words the rental's process (rental-process.ts) is written in. A step says what starts it,
 * which trigger of the state machine (domain/order-transitions.ts) it applies, when it acts, the
 * timers it arms and disarms, the facts it publishes and what a later cancellation undoes of it;
 * its action does the rest. RentalProcessManager runs the steps.
 */

/** What starts a step: a fact about the order, one of its timers, a command (handled in commands/), or another step. */
export type StartedBy<In> = (
  | { readonly kind: 'message'; readonly contracts: readonly EventDefinition[] }
  | { readonly kind: 'timer'; readonly timer: RentalTimer }
  | { readonly kind: 'command'; readonly contract: EventDefinition; readonly handledIn: string }
  | { readonly kind: 'after'; readonly step: string }
) & {
  /** Type only: what the step's action gets as its input. */
  readonly input?: In;
};

/** Facts about one order (each names it by orderId); several versions of one fact start the same step. */
export const message = <Ds extends EventDefinition[]>(...contracts: Ds): StartedBy<PayloadOf<Ds[number]>> => ({ kind: 'message', contracts });

/** One of the order's durable timers coming due. */
export const timer = <P extends Record<string, unknown>>(name: RentalTimer): StartedBy<ArmedTimer<P>> => ({ kind: 'timer', timer: name });

/** A command whose handler (in commands/) checks the request and then runs the step with `In`. */
export const command = <In>(contract: EventDefinition, handledIn: string): StartedBy<In> => ({ kind: 'command', contract, handledIn });

/** Runs right after `step`, in its transaction and with its input, when that step moved the order. */
export const after = <In>(step: string): StartedBy<In> => ({ kind: 'after', step });

/** A condition the process checks itself, and why. */
export interface Condition<T> {
  readonly because: string;
  readonly holds: (subject: T) => boolean;
}

/** What a guard looks at: the order as it is, the input, the step's moment and the service's settings. */
export type GuardView<In> = Pick<StepRun<In>, 'input' | 'order' | 'now' | 'settings'>;

/** The stores a step's action may use, in the step's transaction. */
export interface ProcessStores {
  readonly orders: OrderStore;
  readonly quotes: QuoteStore;
  readonly extensions: ExtensionStore;
}

/**
 * What a step's action gets. `publish` takes only the contracts the step declares (P) and `arm` only
 * the timers it declares (A): an action that publishes or arms anything else does not compile.
 */
export interface StepRun<In, P extends EventDefinition = never, A extends ArmableTimer = never> extends OrderTransaction<P> {
  readonly input: In;
  readonly order: Order;
  readonly customer: CustomerSnapshot;
  /** The moment of the step, read once: every date the step writes is this one. */
  readonly now: Date;
  readonly settings: OrderSettings;
  readonly stores: ProcessStores;
  readonly requestAnswers: RentalRequestAnswers;
  readonly arm: Pick<TimerArming, A>;
  /** The step's trigger, as the state machine names it. */
  readonly trigger: OrderTrigger;
  /** Applies the step's trigger; a status that does not allow it (late, or repeated under a new id) changes nothing and is logged. */
  apply(detail?: string): Promise<boolean>;
  /** rental_extended needs the new end, so it moves the order through extend() instead of apply(). */
  extend(newEnd: Date): Promise<Result<OrderEvent[], OrderRejection>>;
  /** Records the step's timeline note; the status stays. */
  note(detail: string): Promise<void>;
  warn(message: string): void;
  /** Type only: with mayPublish, keeps a step's action declaring exactly the step's contracts and timers. */
  readonly declares?: (timers: A) => [P, A];
}

export interface StepSpec<In, P extends EventDefinition, A extends ArmableTimer> {
  readonly startedBy: StartedBy<In>;
  /** Of the steps one message starts, the one whose condition the message meets (an invoice for an extension or not). */
  readonly when?: Condition<In>;
  /** The statuses in which the step acts; in any other it does nothing, quietly (an expected late or repeated fact). */
  readonly onlyIn?: readonly OrderStatus[];
  /** A condition on the order the process checks before the action; false does nothing, quietly. */
  readonly guard?: Condition<GuardView<In>>;
  /** A count the action keeps and waits for before it applies the trigger (it records what came first). */
  readonly awaits?: string;
  readonly applies?: OrderTrigger;
  readonly notes?: TimelineNote;
  readonly arms?: readonly A[];
  /** Disarmed when the trigger applies: nothing is left to wait for. */
  readonly disarms?: 'every timer of the order';
  readonly publishes: readonly P[];
  /** What undoes this step when the rental is cancelled later; a cancelling step names the cancellation. */
  readonly compensation?: string;
  /** Without one, the step applies its trigger and nothing else. */
  readonly action?: (run: NoInfer<StepRun<In, P, A>>) => Promise<void>;
}

/** A step of the process, as the manager runs it and the documentation lists it. */
export interface ProcessStep extends Omit<StepSpec<unknown, EventDefinition, ArmableTimer>, 'action' | 'when' | 'guard'> {
  readonly name: string;
  readonly when?: Condition<unknown>;
  readonly guard?: Condition<GuardView<unknown>>;
  readonly action?: (run: StepRun<unknown, EventDefinition, ArmableTimer>) => Promise<void>;
}

export function step<In, P extends EventDefinition = never, A extends ArmableTimer = never>(name: string, spec: StepSpec<In, P, A>): ProcessStep {
  if (spec.applies === undefined && spec.notes === undefined) throw new Error(`step "${name}" neither applies a trigger nor notes anything`);
  // The type parameters did their work on the action's signature; the manager runs every step alike.
  return { name, ...spec } as unknown as ProcessStep;
}

/** The steps in order, and what the manager subscribes to: the messages and timers that start them. */
export interface ProcessDefinition {
  readonly steps: readonly ProcessStep[];
  readonly messages: readonly EventDefinition[];
  readonly timers: readonly RentalTimer[];
  /** The step a message starts: the first, in the definition's order, whose `when` the payload meets. */
  stepFor(contract: Pick<EventDefinition, 'type' | 'version'>, payload: unknown): ProcessStep | undefined;
  stepOnTimer(timer: RentalTimer): ProcessStep;
  stepNamed(name: string): ProcessStep;
  /** The steps that run right after `name` when it moved the order. */
  followersOf(name: string): ProcessStep[];
}

export function defineProcess(...steps: ProcessStep[]): ProcessDefinition {
  const byName = new Map(steps.map((s) => [s.name, s]));
  if (byName.size !== steps.length) throw new Error('two steps of the process share a name');
  for (const s of steps) {
    if (s.startedBy.kind === 'after' && !byName.has(s.startedBy.step)) throw new Error(`step "${s.name}" follows "${s.startedBy.step}", which is not a step`);
  }
  const messages = [...new Set(steps.flatMap((s) => (s.startedBy.kind === 'message' ? s.startedBy.contracts : [])))];
  const timers = [...new Set(steps.flatMap((s) => (s.startedBy.kind === 'timer' ? [s.startedBy.timer] : [])))];
  const named = (name: string): ProcessStep => {
    const found = byName.get(name);
    if (found === undefined) throw new Error(`the rental's process has no step "${name}"`);
    return found;
  };
  return {
    steps,
    messages,
    timers,
    stepFor: (contract, payload) =>
      steps.find(
        (s) =>
          s.startedBy.kind === 'message' &&
          s.startedBy.contracts.some((c) => c.type === contract.type && c.version === contract.version) &&
          (s.when === undefined || s.when.holds(payload)),
      ),
    stepNamed: named,
    stepOnTimer: (name) => {
      const found = steps.find((s) => s.startedBy.kind === 'timer' && s.startedBy.timer === name);
      if (found === undefined) throw new Error(`no step of the rental's process starts on the ${name} timer`);
      return found;
    },
    followersOf: (name) => steps.filter((s) => s.startedBy.kind === 'after' && s.startedBy.step === name),
  };
}
