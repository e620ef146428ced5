// Builds small glTF and GLB files in memory: a triangle mesh per named node, with extras.

/** A glTF 2.0 document with one triangle mesh per node (buffer embedded as a data URI). */
export function gltfDocument(nodes: readonly { name: string; extras?: Record<string, unknown> }[]): Record<string, unknown> {
  const positions = new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0]);
  const data = Buffer.from(positions.buffer).toString('base64');
  return {
    asset: { version: '2.0', generator: 'Twinbench tests' },
    scene: 0,
    scenes: [{ nodes: nodes.map((_, i) => i) }],
    nodes: nodes.map((node, i) => ({ name: node.name, mesh: i, ...(node.extras ? { extras: node.extras } : {}) })),
    meshes: nodes.map((node) => ({ name: `${node.name}-mesh`, primitives: [{ attributes: { POSITION: 0 } }] })),
    buffers: [{ byteLength: 36, uri: `data:application/octet-stream;base64,${data}` }],
    bufferViews: [{ buffer: 0, byteLength: 36 }],
    accessors: [{ bufferView: 0, componentType: 5126, count: 3, type: 'VEC3', min: [0, 0, 0], max: [1, 1, 0] }],
  };
}

/** The same document as a binary GLB container (JSON chunk only). */
export function glb(document: Record<string, unknown>): Uint8Array {
  let json = Buffer.from(JSON.stringify(document), 'utf8');
  const padding = (4 - (json.length % 4)) % 4;
  json = Buffer.concat([json, Buffer.alloc(padding, 0x20)]);
  const out = Buffer.alloc(20 + json.length);
  out.writeUInt32LE(0x46546c67, 0);
  out.writeUInt32LE(2, 4);
  out.writeUInt32LE(out.length, 8);
  out.writeUInt32LE(json.length, 12);
  out.writeUInt32LE(0x4e4f534a, 16);
  json.copy(out, 20);
  return new Uint8Array(out);
}
