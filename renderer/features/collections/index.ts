export { Sidebar } from './Sidebar';
export { SaveAsDialog } from './SaveAsDialog';
export { saveActiveTab } from './saveActiveTab';
export { selectAllCollections } from './collectionsSlice';
export { allRequests, locateRequest } from './treeModel';
export type { CollectionsSlice } from './collectionsSlice';
