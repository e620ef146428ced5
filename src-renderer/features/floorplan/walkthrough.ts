// First-person walkthrough: WASD (or arrows) to walk, the mouse to look, Q/E to take the stairs down
// or up a level. Rooms are walled on every side with a door in the middle of each side, so you
// pass from room to corridor through doors and never through walls; explicit walls of the scene
// document block too, except at their openings.

import * as THREE from 'three';
import type { PlanPoint, SceneDocument, SceneSpace } from '../../../src-shared/contract';

const eyeHeight = 1.6;
const speed = 4; // metres per second
const doorHalfWidth = 0.55;
const bodyRadius = 0.25;

interface Segment {
  readonly a: PlanPoint;
  readonly b: PlanPoint;
}

function pointInRing(ring: readonly PlanPoint[], p: PlanPoint): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

const inSpace = (space: SceneSpace, p: PlanPoint) => pointInRing(space.outline, p) && !(space.holes ?? []).some((hole) => pointInRing(hole, p));

/** Where segment pq crosses segment ab, as the parameter along ab, or null. */
function crossing(p: PlanPoint, q: PlanPoint, a: PlanPoint, b: PlanPoint): number | null {
  const d = (q.x - p.x) * (b.y - a.y) - (q.y - p.y) * (b.x - a.x);
  if (d === 0) return null;
  const t = ((a.x - p.x) * (b.y - a.y) - (a.y - p.y) * (b.x - a.x)) / d;
  const u = ((a.x - p.x) * (q.y - p.y) - (a.y - p.y) * (q.x - p.x)) / d;
  return t >= 0 && t <= 1 && u >= 0 && u <= 1 ? u : null;
}

/** True when the step p → q leaves `space` through one of its doors (or does not leave it). */
function throughDoor(space: SceneSpace, p: PlanPoint, q: PlanPoint): boolean {
  for (const ring of [space.outline, ...(space.holes ?? [])]) {
    for (let i = 0; i < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[(i + 1) % ring.length]!;
      const u = crossing(p, q, a, b);
      if (u === null) continue;
      const length = Math.hypot(b.x - a.x, b.y - a.y);
      return Math.abs(u - 0.5) * length <= doorHalfWidth - bodyRadius * 0.5;
    }
  }
  return true;
}

/** Moves a camera through a scene's rooms level by level. */
export class Walkthrough {
  private readonly keys = new Set<string>();
  private yaw = 0;
  private pitch = 0;
  private levelIndex = 0;
  private last = 0;
  private dragging = false;
  private readonly levels: SceneDocument['levels'];
  private readonly walls: Map<string, Segment[]>;

  constructor(
    private readonly scene: SceneDocument,
    private readonly camera: THREE.PerspectiveCamera,
    private readonly dom: HTMLElement,
    private readonly shiftOf: () => Map<string, number>,
    private readonly onLevel: (levelId: string) => void,
  ) {
    this.levels = [...scene.levels].sort((a, b) => a.elevation - b.elevation);
    this.walls = new Map();
    for (const wall of scene.walls) {
      const list = this.walls.get(wall.levelId) ?? [];
      const dx = wall.to.x - wall.from.x;
      const dy = wall.to.y - wall.from.y;
      const length = Math.hypot(dx, dy) || 1;
      let at = 0;
      const at2 = (s: number) => ({ x: wall.from.x + (dx * s) / length, y: wall.from.y + (dy * s) / length });
      for (const opening of [...(wall.openings ?? [])].filter((o) => o.sill < eyeHeight).sort((a, b) => a.offset - b.offset)) {
        if (opening.offset > at) list.push({ a: at2(at), b: at2(opening.offset) });
        at = opening.offset + opening.width;
      }
      if (at < length) list.push({ a: at2(at), b: wall.to });
      this.walls.set(wall.levelId, list);
    }
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) return;
    const key = event.key.toLowerCase();
    if (key === 'q' || key === 'pagedown') this.changeLevel(-1);
    else if (key === 'e' || key === 'pageup') this.changeLevel(1);
    else this.keys.add(key);
    if (['w', 'a', 's', 'd', 'arrowup', 'arrowdown', 'arrowleft', 'arrowright', 'q', 'e'].includes(key)) event.preventDefault();
  };
  private readonly onKeyUp = (event: KeyboardEvent) => this.keys.delete(event.key.toLowerCase());
  private readonly onPointerDown = (event: PointerEvent) => {
    this.dragging = true;
    this.dom.setPointerCapture(event.pointerId);
  };
  private readonly onPointerUp = (event: PointerEvent) => {
    this.dragging = false;
    if (this.dom.hasPointerCapture(event.pointerId)) this.dom.releasePointerCapture(event.pointerId);
  };
  private readonly onPointerMove = (event: PointerEvent) => {
    if (!this.dragging && document.pointerLockElement !== this.dom) return;
    this.yaw -= event.movementX * 0.0035;
    this.pitch = Math.max(-1.2, Math.min(1.2, this.pitch - event.movementY * 0.0035));
  };

  /** Starts walking in the first room of `levelId` (of the lowest level when absent). */
  start(levelId?: string): void {
    this.levelIndex = Math.max(0, levelId ? this.levels.findIndex((l) => l.id === levelId) : 0);
    const first = this.scene.spaces.find((s) => s.levelId === this.levels[this.levelIndex]?.id && inSpace(s, centroid(s.outline)));
    const at = first ? centroid(first.outline) : { x: 0, y: 0 };
    this.camera.position.set(at.x, at.y, this.eyeZ());
    this.camera.up.set(0, 0, 1);
    this.last = performance.now();
    window.addEventListener('keydown', this.onKeyDown);
    window.addEventListener('keyup', this.onKeyUp);
    this.dom.addEventListener('pointerdown', this.onPointerDown);
    this.dom.addEventListener('pointerup', this.onPointerUp);
    this.dom.addEventListener('pointermove', this.onPointerMove);
    this.onLevel(this.levels[this.levelIndex]?.id ?? '');
    this.aim();
  }

  stop(): void {
    window.removeEventListener('keydown', this.onKeyDown);
    window.removeEventListener('keyup', this.onKeyUp);
    this.dom.removeEventListener('pointerdown', this.onPointerDown);
    this.dom.removeEventListener('pointerup', this.onPointerUp);
    this.dom.removeEventListener('pointermove', this.onPointerMove);
    this.keys.clear();
    if (document.pointerLockElement === this.dom) document.exitPointerLock();
  }

  private eyeZ(): number {
    const level = this.levels[this.levelIndex];
    return level ? level.elevation + (this.shiftOf().get(level.id) ?? 0) + eyeHeight : eyeHeight;
  }

  private changeLevel(step: number): void {
    const next = this.levelIndex + step;
    if (next < 0 || next >= this.levels.length) return;
    this.levelIndex = next;
    this.camera.position.z = this.eyeZ();
    this.onLevel(this.levels[next]!.id);
  }

  private aim(): void {
    const direction = new THREE.Vector3(Math.cos(this.yaw) * Math.cos(this.pitch), Math.sin(this.yaw) * Math.cos(this.pitch), Math.sin(this.pitch));
    this.camera.lookAt(this.camera.position.clone().add(direction));
  }

  /** The space of the current level holding `p`, if any. */
  private spaceAt(p: PlanPoint): SceneSpace | undefined {
    const level = this.levels[this.levelIndex]?.id;
    return this.scene.spaces.find((s) => s.levelId === level && inSpace(s, p));
  }

  /** True when a step from p to q passes no wall: doors only between spaces, openings only in walls. */
  allowed(p: PlanPoint, q: PlanPoint): boolean {
    const level = this.levels[this.levelIndex]?.id ?? '';
    for (const wall of this.walls.get(level) ?? []) if (crossing(p, q, wall.a, wall.b) !== null) return false;
    const from = this.spaceAt(p);
    const to = this.spaceAt(q);
    if (from === to) return true;
    return (!from || throughDoor(from, p, q)) && (!to || throughDoor(to, p, q));
  }

  /** Advances the walk by the time since the last frame. */
  update(): void {
    const now = performance.now();
    const dt = Math.min(0.1, (now - this.last) / 1000);
    this.last = now;
    if (this.keys.has('arrowleft')) this.yaw += 1.8 * dt;
    if (this.keys.has('arrowright')) this.yaw -= 1.8 * dt;
    const forward = (this.keys.has('w') || this.keys.has('arrowup') ? 1 : 0) - (this.keys.has('s') || this.keys.has('arrowdown') ? 1 : 0);
    const side = (this.keys.has('d') ? 1 : 0) - (this.keys.has('a') ? 1 : 0);
    if (forward !== 0 || side !== 0) {
      const step = speed * dt;
      const dx = (Math.cos(this.yaw) * forward + Math.sin(this.yaw) * side) * step;
      const dy = (Math.sin(this.yaw) * forward - Math.cos(this.yaw) * side) * step;
      const p = { x: this.camera.position.x, y: this.camera.position.y };
      // Slide along a wall: try the whole step, then each axis alone.
      for (const q of [{ x: p.x + dx, y: p.y + dy }, { x: p.x + dx, y: p.y }, { x: p.x, y: p.y + dy }]) {
        if (this.allowed(p, q)) {
          this.camera.position.x = q.x;
          this.camera.position.y = q.y;
          break;
        }
      }
    }
    this.aim();
  }
}

function centroid(ring: readonly PlanPoint[]): PlanPoint {
  return { x: ring.reduce((s, p) => s + p.x, 0) / ring.length, y: ring.reduce((s, p) => s + p.y, 0) / ring.length };
}
