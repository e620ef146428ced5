/** A model as the models list shows it (ADT's DigitalTwinsModelData without the definition). */
export interface ModelSummary {
  /** The model's DTMI. */
  readonly id: string;
  /** Language map of display names, e.g. `{ "en": "Room" }`. */
  readonly displayName: Readonly<Record<string, string>>;
  readonly description: Readonly<Record<string, string>>;
  /** ISO 8601 time the model was uploaded. */
  readonly uploadTime: string;
  readonly decommissioned: boolean;
}

export interface ModelsService {
  /** Every model in the workspace, ordered by id. */
  list(): Promise<ModelSummary[]>;
}
