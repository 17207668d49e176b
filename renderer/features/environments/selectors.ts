import type { Environment } from '../../../shared/model/environment';
import type { StoreState } from '../../store';

export const selectActiveEnvironment = (s: StoreState): Environment | null => s.environments.environments.find((e) => e.id === s.environments.activeId) ?? null;
