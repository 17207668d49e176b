export { InspectorView } from './InspectorView';
export type { InspectorSlice } from './inspectorSlice';
