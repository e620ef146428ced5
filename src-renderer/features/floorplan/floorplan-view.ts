// The 3D floorplan: a Three.js scene around the merged room mesh, an orbit camera or a walkthrough,
// picking, hover, labels and screenshots. Plain TypeScript: the Svelte panel only calls it.

import * as THREE from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { SceneAsset, SceneAssetFile, SceneDocument } from '../../../src-shared/contract';
import type { LevelView } from '../../../src-shared/geometry/extrude';
import { AssetMeshes } from './asset-meshes';
import { RoomMesh } from './room-mesh';
import { Walkthrough } from './walkthrough';
import { WallMesh } from './wall-mesh';

/** How a room is painted and labelled. */
export interface RoomLook {
  readonly colour: readonly [number, number, number];
  readonly label?: string;
}

/** Most labels drawn at once; beyond that only the hovered and selected rooms get one. */
const maxLabels = 400;

export interface FloorplanCallbacks {
  readonly onSelect: (twinId: string | null) => void;
  readonly onHover: (hover: { twinId: string | null; name: string; x: number; y: number } | null) => void;
  readonly onLevel: (levelId: string) => void;
}

export class FloorplanView {
  private readonly renderer: THREE.WebGLRenderer;
  private readonly camera = new THREE.PerspectiveCamera(50, 1, 0.1, 20_000);
  private readonly scene = new THREE.Scene();
  private readonly controls: OrbitControls;
  private readonly raycaster = new THREE.Raycaster();
  private readonly labels: HTMLDivElement;
  private rooms: RoomMesh | null = null;
  private walls: WallMesh | null = null;
  private assets = new AssetMeshes();
  /** How rooms were last painted, for assets that arrive later. */
  private look: ((twinId: string | undefined) => RoomLook) | null = null;
  private document: SceneDocument | null = null;
  private shifts = new Map<string, number>();
  private levelView: LevelView = { mode: 'all' };
  private walk: Walkthrough | null = null;
  private frame = 0;
  private dirty = true;
  private readonly resize: ResizeObserver;
  private labelTexts: (string | undefined)[] = [];
  private down: { x: number; y: number } | null = null;

  constructor(
    private readonly host: HTMLElement,
    private readonly callbacks: FloorplanCallbacks,
  ) {
    this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    this.renderer.setPixelRatio(Math.min(2, window.devicePixelRatio));
    this.renderer.setClearColor(0x0b0f14);
    host.append(this.renderer.domElement);
    this.labels = document.createElement('div');
    this.labels.className = 'floorplan-labels';
    host.append(this.labels);
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = false;
    this.controls.addEventListener('change', () => (this.dirty = true));
    this.scene.add(new THREE.HemisphereLight(0xdde6f0, 0x202830, 1.6));
    const sun = new THREE.DirectionalLight(0xffffff, 1.4);
    sun.position.set(0.4, -0.6, 1);
    this.scene.add(sun);
    const canvas = this.renderer.domElement;
    canvas.addEventListener('pointermove', this.onPointerMove);
    canvas.addEventListener('pointerdown', this.onPointerDown);
    canvas.addEventListener('pointerup', this.onPointerUp);
    canvas.addEventListener('pointerleave', () => callbacks.onHover(null));
    this.resize = new ResizeObserver(() => this.fit());
    this.resize.observe(host);
    this.fit();
    this.loop();
  }

  /** Draws a scene document, replacing the one shown. */
  setScene(scene: SceneDocument): string[] {
    this.stopWalk();
    if (this.rooms) {
      this.scene.remove(this.rooms.mesh, this.rooms.outlines);
      this.rooms.dispose();
    }
    if (this.walls) {
      this.scene.remove(this.walls.group);
      this.walls.dispose();
    }
    this.scene.remove(this.assets.group);
    this.assets.dispose();
    this.assets = new AssetMeshes();
    this.document = scene;
    this.rooms = new RoomMesh(scene);
    this.walls = new WallMesh(scene);
    this.scene.add(this.rooms.mesh, this.rooms.outlines, this.walls.group, this.assets.group);
    this.labelTexts = [];
    this.setLevelView(this.levelView.mode === 'single' && !scene.levels.some((l) => l.id === (this.levelView as { levelId: string }).levelId) ? { mode: 'all' } : this.levelView);
    this.frameAll();
    return this.rooms.skipped;
  }

  /** Draws a glTF asset of the shown scene from its files; its mapped meshes are coloured and picked like rooms. */
  async addAsset(asset: SceneAsset, files: readonly SceneAssetFile[]): Promise<void> {
    const assets = this.assets;
    await assets.add(asset, files);
    if (assets !== this.assets) return;
    assets.place(this.shifts, this.levelView.mode === 'single' ? this.levelView.levelId : null);
    const look = this.look;
    if (look) for (const twinId of assets.byTwin.keys()) assets.paint(twinId, look(twinId).colour);
    this.dirty = true;
  }

  /** Paints rooms: `look(twinId, spaceIndex)` gives each room's colour and optional label. */
  paint(look: (twinId: string | undefined) => RoomLook): void {
    this.look = look;
    for (const twinId of this.assets.byTwin.keys()) this.assets.paint(twinId, look(twinId).colour);
    const rooms = this.rooms;
    if (!rooms) return;
    for (let i = 0; i < rooms.rooms.length; i++) {
      const l = look(rooms.rooms[i]!.space.twinId);
      rooms.paint(i, l.colour[0], l.colour[1], l.colour[2], false);
      this.labelTexts[i] = l.label;
    }
    // Every room changed: one upload of the whole attribute beats thousands of small ranges.
    rooms.commitColours(true);
    this.dirty = true;
  }

  /** Repaints the rooms of one twin only (a live change). */
  paintTwin(twinId: string, look: RoomLook): void {
    this.assets.paint(twinId, look.colour);
    this.dirty = true;
    const rooms = this.rooms;
    if (!rooms) return;
    for (const i of rooms.byTwin.get(twinId) ?? []) {
      rooms.paint(i, look.colour[0], look.colour[1], look.colour[2]);
      this.labelTexts[i] = look.label;
    }
    rooms.commitColours();
    this.dirty = true;
  }

  setLevelView(view: LevelView): void {
    const previous = this.levelView;
    this.levelView = view;
    if (!this.rooms) return;
    const single = previous.mode === 'single' || view.mode === 'single';
    this.shifts = this.rooms.setLevelView(view);
    this.walls?.place(this.shifts, view.mode === 'single' ? view.levelId : null);
    this.assets.place(this.shifts, view.mode === 'single' ? view.levelId : null);
    // One floor alone is framed on its own; switching back frames the whole scene again.
    if (single && !this.walk) this.frameAll();
    this.dirty = true;
  }

  /** Points the orbit camera at the whole scene (or the shown floor) from the south-west, above. */
  frameAll(): void {
    const box = this.rooms?.visibleBox();
    if (!box || box.isEmpty()) return;
    const centre = box.getCenter(new THREE.Vector3());
    const size = box.getSize(new THREE.Vector3());
    const radius = Math.max(size.x, size.y, size.z, 10) * 0.75;
    this.controls.target.copy(centre);
    this.camera.position.set(centre.x - radius * 0.35, centre.y - radius * 1.05, centre.z + radius * 1.1);
    this.camera.near = radius / 500;
    this.camera.far = radius * 20;
    this.camera.updateProjectionMatrix();
    this.controls.update();
    this.dirty = true;
  }

  /** The screen position (CSS pixels, relative to the canvas) of a twin's room centre, or null. */
  screenPositionOf(twinId: string): { x: number; y: number } | null {
    const index = this.rooms?.byTwin.get(twinId)?.[0];
    if (index === undefined || !this.rooms) return null;
    const room = this.rooms.rooms[index]!;
    const p = room.centre.clone().setZ(room.centre.z + (this.shifts.get(room.levelId) ?? 0)).project(this.camera);
    const rect = this.renderer.domElement.getBoundingClientRect();
    return { x: ((p.x + 1) / 2) * rect.width, y: ((1 - p.y) / 2) * rect.height };
  }

  /** The colour a twin's room is painted with now (channels 0–1), or null when it has no room. */
  colourOfTwin(twinId: string): [number, number, number] | null {
    const index = this.rooms?.byTwin.get(twinId)?.[0];
    return index === undefined || !this.rooms ? null : this.rooms.colourOf(index);
  }

  /** The twin of the room under a canvas point (CSS pixels), or null. */
  pick(x: number, y: number): { twinId: string | null; name: string } | null {
    if (!this.rooms) return null;
    const rect = this.renderer.domElement.getBoundingClientRect();
    this.raycaster.setFromCamera(new THREE.Vector2((x / rect.width) * 2 - 1, -(y / rect.height) * 2 + 1), this.camera);
    const hit = this.raycaster.intersectObject(this.rooms.mesh, false)[0];
    const asset = this.assets.pick(this.raycaster);
    if (asset && (!hit || asset.distance <= hit.distance)) return { twinId: asset.twinId, name: asset.name };
    if (!hit || !hit.face) return null;
    const room = this.rooms.rooms[this.rooms.roomOfVertex(hit.face.a)]!;
    return { twinId: room.space.twinId ?? null, name: room.space.name ?? room.space.id };
  }

  /** Walks through the scene in first person, or back to the orbit camera. */
  startWalk(): void {
    if (!this.document || this.walk) return;
    this.controls.enabled = false;
    const level = this.levelView.mode === 'single' ? this.levelView.levelId : undefined;
    this.walk = new Walkthrough(this.document, this.camera, this.renderer.domElement, () => this.shifts, (levelId) => {
      if (this.levelView.mode === 'single') this.setLevelView({ mode: 'single', levelId });
      this.callbacks.onLevel(levelId);
    });
    this.camera.near = 0.05;
    this.camera.updateProjectionMatrix();
    this.setInsideView(true);
    this.walk.start(level);
  }

  stopWalk(): void {
    if (!this.walk) return;
    this.walk.stop();
    this.walk = null;
    this.setInsideView(false);
    this.controls.enabled = true;
    this.frameAll();
  }

  /** Inside a room its walls are seen from within: both faces are drawn while walking. */
  private setInsideView(inside: boolean): void {
    if (!this.rooms) return;
    this.rooms.mesh.material.side = inside ? THREE.DoubleSide : THREE.FrontSide;
    this.rooms.mesh.material.needsUpdate = true;
  }

  get walking(): boolean {
    return this.walk !== null;
  }

  /** The current picture as a PNG data URL. */
  screenshot(): string {
    this.render();
    return this.renderer.domElement.toDataURL('image/png');
  }

  /** Draw calls and triangles of the last frame. */
  stats(): { calls: number; triangles: number } {
    return { calls: this.renderer.info.render.calls, triangles: this.renderer.info.render.triangles };
  }

  dispose(): void {
    cancelAnimationFrame(this.frame);
    this.resize.disconnect();
    this.stopWalk();
    this.controls.dispose();
    this.rooms?.dispose();
    this.walls?.dispose();
    this.assets.dispose();
    this.renderer.dispose();
    this.renderer.domElement.remove();
    this.labels.remove();
  }

  private readonly onPointerMove = (event: PointerEvent) => {
    if (this.walk || event.buttons !== 0) return;
    const hit = this.pick(event.offsetX, event.offsetY);
    this.callbacks.onHover(hit ? { ...hit, x: event.offsetX, y: event.offsetY } : null);
  };

  private readonly onPointerDown = (event: PointerEvent) => {
    this.down = { x: event.offsetX, y: event.offsetY };
  };

  private readonly onPointerUp = (event: PointerEvent) => {
    const down = this.down;
    this.down = null;
    // A drag turns the camera; only a click selects.
    if (this.walk || !down || Math.hypot(event.offsetX - down.x, event.offsetY - down.y) > 4) return;
    this.callbacks.onSelect(this.pick(event.offsetX, event.offsetY)?.twinId ?? null);
  };

  private fit(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    this.renderer.setSize(width, height, false);
    this.renderer.domElement.style.width = `${width}px`;
    this.renderer.domElement.style.height = `${height}px`;
    this.camera.aspect = width / height;
    this.camera.updateProjectionMatrix();
    this.dirty = true;
  }

  private loop = () => {
    this.frame = requestAnimationFrame(this.loop);
    if (this.walk) {
      this.walk.update();
      this.dirty = true;
    }
    if (this.dirty) this.render();
  };

  /** Draws a frame now (the loop draws only when something changed). */
  render(): void {
    this.dirty = false;
    this.renderer.render(this.scene, this.camera);
    this.placeLabels();
  }

  /** Puts an HTML label over each visible labelled room, up to `maxLabels`. */
  private placeLabels(): void {
    const rooms = this.rooms;
    if (!rooms) return;
    const rect = this.renderer.domElement.getBoundingClientRect();
    const parts: string[] = [];
    const p = new THREE.Vector3();
    for (let i = 0; i < rooms.rooms.length && parts.length < maxLabels; i++) {
      const room = rooms.rooms[i]!;
      const view = this.levelView;
      const single = view.mode === 'single';
      if (view.mode === 'single' && view.levelId !== room.levelId) continue;
      // One floor alone has room for every room's name; otherwise only rule labels are drawn.
      const text = this.labelTexts[i] ?? (single ? room.space.name : undefined);
      if (!text) continue;
      p.copy(room.centre).setZ(room.centre.z + (this.shifts.get(room.levelId) ?? 0)).project(this.camera);
      if (p.z > 1 || Math.abs(p.x) > 1 || Math.abs(p.y) > 1) continue;
      const x = ((p.x + 1) / 2) * rect.width;
      const y = ((1 - p.y) / 2) * rect.height;
      parts.push(`<span style="transform:translate(${x.toFixed(0)}px,${y.toFixed(0)}px)">${escapeHtml(text)}</span>`);
    }
    this.labels.innerHTML = parts.join('');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
