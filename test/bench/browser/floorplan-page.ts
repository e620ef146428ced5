// The browser side of the floorplan bench: the product's view (one merged room mesh, colours in a
// table) and a bare Three.js scene with the same boxes as separate meshes, driven by
// test/bench/floorplan.bench.ts through window.floorplanBench.

import * as THREE from 'three';
import type { SceneDocument, SceneLevel, SceneSpace } from '../../../src-shared/contract';
import { rampColour } from '../../../src-renderer/features/floorplan/colour-scale';
import { FloorplanView } from '../../../src-renderer/features/floorplan/floorplan-view';

const roomWidth = 6;
const roomDepth = 4;
const storey = 3.5;
/** The product's view leaves this gap on each side of a room; the bare boxes leave the same. */
const inset = 0.06;

type Kind = 'floorplan' | 'bare';

/** The rooms of a building: `floors` storeys of a grid of rooms, `rooms` in all. */
function building(rooms: number): { floors: number; columns: number; rows: number } {
  const floors = rooms >= 10_000 ? 10 : rooms >= 2_000 ? 4 : 2;
  const perFloor = Math.ceil(rooms / floors);
  const columns = Math.ceil(Math.sqrt(perFloor * 1.5));
  return { floors, columns, rows: Math.ceil(perFloor / columns) };
}

function sceneOf(rooms: number): SceneDocument {
  const { floors, columns } = building(rooms);
  const perFloor = Math.ceil(rooms / floors);
  const levels: SceneLevel[] = Array.from({ length: floors }, (_, f) => ({ id: `l${f}`, name: `Floor ${f}`, elevation: f * storey, height: storey }));
  const spaces: SceneSpace[] = [];
  for (let i = 0; i < rooms; i++) {
    const f = Math.floor(i / perFloor);
    const k = i % perFloor;
    const x = (k % columns) * roomWidth;
    const y = Math.floor(k / columns) * roomDepth;
    spaces.push({
      id: `s${i}`,
      levelId: `l${f}`,
      twinId: `r${i}`,
      outline: [
        { x, y },
        { x: x + roomWidth, y },
        { x: x + roomWidth, y: y + roomDepth },
        { x, y: y + roomDepth },
      ],
    });
  }
  return { id: 'bench', name: 'Bench building', source: 'document', levels, spaces, walls: [], assets: [], problems: [] };
}

/** Waits until the GPU has drawn what was asked (SwiftShader draws on the CPU, so this is the real cost). */
function sync(gl: WebGL2RenderingContext | WebGLRenderingContext): void {
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
}

/** The colour of room `i` in round `round`: every room changes each round. */
const colourOf = (i: number, round: number) => rampColour(((i * 37 + round * 101) % 1000) / 1000);

interface Subject {
  recolour(round: number): void;
  render(): void;
  stats(): { calls: number; triangles: number };
  dispose(): void;
}

function floorplanSubject(host: HTMLElement, rooms: number): Subject {
  const view = new FloorplanView(host, { onSelect: () => undefined, onHover: () => undefined, onLevel: () => undefined });
  const scene = sceneOf(rooms);
  view.setScene(scene);
  // The view asks by twin id, as the product's colouring does; the bare scene walks its array.
  const indexOf = new Map(scene.spaces.map((space, i) => [space.twinId!, i]));
  let round = 0;
  const look = (twinId: string | undefined) => ({ colour: colourOf(indexOf.get(twinId!)!, round) });
  return {
    recolour(r) {
      round = r;
      view.paint(look);
    },
    render: () => view.render(),
    stats: () => view.stats(),
    dispose: () => view.dispose(),
  };
}

/** The same rooms as a plain Three.js scene: one box mesh and material per room. */
function bareSubject(host: HTMLElement, rooms: number): Subject {
  const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
  renderer.setClearColor(0x0b0f14);
  renderer.setSize(host.clientWidth, host.clientHeight);
  host.append(renderer.domElement);
  const scene = new THREE.Scene();
  scene.add(new THREE.HemisphereLight(0xdde6f0, 0x202830, 1.6));
  const sun = new THREE.DirectionalLight(0xffffff, 1.4);
  sun.position.set(0.4, -0.6, 1);
  scene.add(sun);
  const box = new THREE.BoxGeometry(roomWidth - 2 * inset, roomDepth - 2 * inset, storey);
  const document = sceneOf(rooms);
  const materials: THREE.MeshLambertMaterial[] = [];
  const bounds = new THREE.Box3();
  for (const space of document.spaces) {
    const level = Number(space.levelId.slice(1));
    const material = new THREE.MeshLambertMaterial();
    const mesh = new THREE.Mesh(box, material);
    mesh.position.set(space.outline[0]!.x + roomWidth / 2, space.outline[0]!.y + roomDepth / 2, level * storey + storey / 2);
    scene.add(mesh);
    materials.push(material);
    bounds.expandByPoint(mesh.position);
  }
  const camera = new THREE.PerspectiveCamera(50, host.clientWidth / host.clientHeight, 0.1, 20_000);
  camera.up.set(0, 0, 1);
  const centre = bounds.getCenter(new THREE.Vector3());
  const size = bounds.getSize(new THREE.Vector3());
  const radius = Math.max(size.x, size.y, size.z, 10) * 0.75;
  camera.position.set(centre.x - radius * 0.35, centre.y - radius * 1.05, centre.z + radius * 1.1);
  camera.near = radius / 500;
  camera.far = radius * 20;
  camera.lookAt(centre);
  camera.updateProjectionMatrix();
  return {
    recolour(round) {
      for (let i = 0; i < materials.length; i++) {
        const [r, g, b] = colourOf(i, round);
        materials[i]!.color.setRGB(r, g, b, THREE.LinearSRGBColorSpace);
      }
    },
    render: () => renderer.render(scene, camera),
    stats: () => ({ calls: renderer.info.render.calls, triangles: renderer.info.render.triangles }),
    dispose() {
      box.dispose();
      for (const material of materials) material.dispose();
      renderer.dispose();
      renderer.domElement.remove();
    },
  };
}

let current: Subject | null = null;
let host: HTMLDivElement | null = null;
let round = 0;

function canvasContext(): WebGL2RenderingContext {
  return host!.querySelector('canvas')!.getContext('webgl2')!;
}

const bench = {
  /** Builds a scene of `rooms` rooms, colours it and draws the first frame; milliseconds from nothing to that frame. */
  open(kind: Kind, rooms: number): number {
    current?.dispose();
    host?.remove();
    host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:0;top:0;width:960px;height:600px';
    document.body.append(host);
    const start = performance.now();
    current = kind === 'floorplan' ? floorplanSubject(host, rooms) : bareSubject(host, rooms);
    current.recolour(round++);
    current.render();
    sync(canvasContext());
    return performance.now() - start;
  },
  /** CPU time to give every room a new colour; the frame that shows it follows, untimed, in both scenes alike. */
  recolour(): number {
    const start = performance.now();
    current!.recolour(round++);
    const time = performance.now() - start;
    current!.render();
    sync(canvasContext());
    return time;
  },
  /** One frame drawn and waited for, milliseconds. */
  frame(): number {
    const start = performance.now();
    current!.render();
    sync(canvasContext());
    return performance.now() - start;
  },
  stats(): { calls: number; triangles: number } {
    current!.render();
    return current!.stats();
  },
  close(): void {
    current?.dispose();
    current = null;
    host?.remove();
    host = null;
  },
};

(window as unknown as { floorplanBench: typeof bench }).floorplanBench = bench;
