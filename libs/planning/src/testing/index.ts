/**
 * @jalon/planning/testing: factories of plan objects for tests (API, web and browser mocks), kept
 * out of `@jalon/planning` so that no application bundle carries them. See `factories.ts`.
 */
export {
  newId,
  newLink,
  newLot,
  newMilestone,
  newPhase,
  newPlan,
  newProjectSummary,
  newSettings,
  newTask,
  scheduledPlan,
} from './factories';
