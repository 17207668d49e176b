import { describe, expect, test } from 'vitest';
import { FIRST_RUN_STEP_TABLE, advanceFirstRun, currentStep, type FirstRunMilestone } from '../../../../renderer/features/project/firstRunSteps';
import { EMPTY_FIRST_RUN, FIRST_RUN_STEPS, type FirstRunState } from '../../../../shared/model/project';

const open = { open: true, activeEnvironmentId: null };
const run = (change: Partial<FirstRunState> = {}): FirstRunState => ({ ...EMPTY_FIRST_RUN, done: [], ...change });

/** One milestone per step, each the action that ends it. */
const ENDS: { [S in (typeof FIRST_RUN_STEPS)[number]]: FirstRunMilestone } = {
  environment: { kind: 'environmentChosen', environmentId: 'env-1' },
  access: { kind: 'accessChecked', environmentId: 'env-1' },
  app: { kind: 'appChosen', appId: 'APP1', environmentId: 'env-1' },
  channels: { kind: 'channelSaved', channelCount: 1 },
  order: { kind: 'channelsOrdered' },
  webhook: { kind: 'webhookSaved' },
  message: { kind: 'messageSent', messageId: 'msg-1' },
  callback: { kind: 'deliverySeen', delivery: { eventId: 'ev-1', status: 'DELIVERED', verdict: 'valid' } },
};

/** The guided run's step table: each step's done-rule, and how a milestone moves the run. */
describe('first-run steps', () => {
  test('each milestone ends its own step and no other, recording what the step keeps', () => {
    for (const step of FIRST_RUN_STEPS) {
      const next = advanceFirstRun(run(), ENDS[step], open);
      expect(next?.done, step).toEqual([step]);
    }
    expect(advanceFirstRun(run(), ENDS.app, open)).toMatchObject({ appId: 'APP1', environmentId: 'env-1' });
    expect(advanceFirstRun(run(), ENDS.message, open)).toMatchObject({ messageId: 'msg-1' });
    expect(advanceFirstRun(run(), ENDS.callback, open)?.delivery).toEqual({ eventId: 'ev-1', status: 'DELIVERED', verdict: 'valid' });
    // A channel step needs one channel at least.
    expect(advanceFirstRun(run(), { kind: 'channelSaved', channelCount: 0 }, open)).toBeNull();
  });

  test('with the checklist closed only the message, its report and the environment are remembered', () => {
    const closed = { open: false, activeEnvironmentId: null };
    const counted = FIRST_RUN_STEPS.filter((step) => advanceFirstRun(run(), ENDS[step], closed) !== null);
    expect(counted).toEqual(['environment', 'message', 'callback']);
    expect(FIRST_RUN_STEPS.filter((step) => FIRST_RUN_STEP_TABLE[step].whileClosed)).toEqual(counted);
  });

  test('working in the view chooses the active environment; steps already done stay done, in order', () => {
    const next = advanceFirstRun(run({ done: ['access'] }), ENDS.webhook, { open: true, activeEnvironmentId: 'env-a' });
    expect(next).toMatchObject({ environmentId: 'env-a', done: ['environment', 'access', 'webhook'] });
    // Not when the environment step is done already: its environment stays.
    const kept = advanceFirstRun(run({ done: ['environment'], environmentId: 'env-1' }), ENDS.order, { open: true, activeEnvironmentId: 'env-a' });
    expect(kept).toMatchObject({ environmentId: 'env-1', done: ['environment', 'order'] });
    expect(currentStep(kept)).toBe('access');
    expect(currentStep(null)).toBe('environment');
    expect(currentStep(run({ done: [...FIRST_RUN_STEPS] }))).toBeNull();
  });
});
