// Scene documents: levels, spaces, walls and assets; made from the graph, glTF or IFC files.
export { checkScene, drawingProblems } from './scene-check';
export { SceneStore, summarize } from './scene-store';
export { sceneFromTwins, type SpatialTwinRow } from './scene-from-twins';
export { checkRules, mapMeshes, proposedTwinIds, readGltf, type GltfContents, type GltfMeshNode } from './gltf-mapping';
export { readIfc, type IfcElement, type IfcKind } from './ifc-reader';
export { ifcImport, ifcModels, ifcTwinId, type IfcImport } from './ifc-scene';
