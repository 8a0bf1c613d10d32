/**
 * The planning module's refusals are the API's shared ones (see `api/src/common/api-errors.ts`);
 * re-exported here so existing imports keep working.
 */
export { fieldError, notFound, planNotComputable, staleVersion } from '../common/api-errors';
