export { Sidebar } from './Sidebar';
export { SaveAsDialog } from './SaveAsDialog';
export { saveActiveTab } from './saveActiveTab';
export { selectAllCollections, selectAllCollectionsInFull } from './collectionsSlice';
export { allRequests, locateRequest } from './treeModel';
export type { CollectionsSlice } from './collectionsSlice';
