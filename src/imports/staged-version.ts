import type { Db } from "mongodb";
import { readMarker } from "../db/data-versions.js";
import { newImportId, processMark, promote, switchHeads } from "./commit.js";
import { VERSION_FIELD, versionTag, type DatasetDef } from "./dataset.js";
import type { ImportRequest, ReadResult } from "./request.js";
import { deleteDocumentsOf, settleCommit, VERSIONS, type VersionDoc } from "./versions.js";

const CHUNK = 2_000;
const HEARTBEAT_MS = 5_000;

/** The documents of one import while it is written: tagged, buffered, heart-beating. */
export class StagedVersion {
  private buffer = new Map<string, Record<string, unknown>[]>();
  private lastBeat = Date.now();

  private constructor(
    private readonly db: Db,
    private readonly doc: VersionDoc,
    private readonly dataset: DatasetDef,
  ) {}

  static async open(db: Db, req: ImportRequest, file: VersionDoc["file"]): Promise<StagedVersion> {
    const now = new Date();
    const collections = [req.dataset.collection, ...(req.dataset.derived ?? []).map((d) => d.collection)];
    // Reads of these collections must be filtered before the first staged document lands.
    const marker = await readMarker(db);
    if (!collections.every((c) => marker?.versioned.includes(c)))
      await switchHeads(db, collections, (h) => h);
    const doc: VersionDoc = {
      _id: newImportId(),
      dataset: req.dataset.name,
      org: req.org,
      file,
      rows: { read: 0, accepted: 0, refused: 0 },
      period: null,
      slices: [],
      collections,
      importedBy: req.subject,
      importedAt: now,
      committedAt: null,
      status: "STAGING",
      process: processMark(),
      heartbeatAt: now,
    };
    await db.collection<VersionDoc>(VERSIONS).insertOne(doc);
    return new StagedVersion(db, doc, req.dataset);
  }

  async add(collection: string, doc: Record<string, unknown>, slice: string): Promise<void> {
    const list = this.buffer.get(collection) ?? [];
    list.push({ ...doc, [VERSION_FIELD]: versionTag(this.doc._id, slice) });
    this.buffer.set(collection, list);
    if (list.length >= CHUNK) await this.flush(collection);
    if (Date.now() - this.lastBeat > HEARTBEAT_MS) {
      this.lastBeat = Date.now();
      await this.db
        .collection<VersionDoc>(VERSIONS)
        .updateOne({ _id: this.doc._id }, { $set: { heartbeatAt: new Date() } });
    }
  }

  private async flush(collection: string): Promise<void> {
    const list = this.buffer.get(collection);
    if (!list?.length) return;
    this.buffer.set(collection, []);
    await this.db.collection(collection).insertMany(list, { ordered: false });
  }

  /** Derived documents, then the switch of every slice in one marker update. */
  async commit(result: ReadResult): Promise<VersionDoc> {
    for (const [slice, docs] of result.bySlice ?? []) {
      for (const d of this.dataset.derived ?? [])
        for (const doc of d.build(docs)) await this.add(d.collection, doc, slice);
    }
    for (const c of this.buffer.keys()) await this.flush(c);
    const slices = [...result.slices].sort();
    const versions = this.db.collection<VersionDoc>(VERSIONS);
    await versions.updateOne(
      { _id: this.doc._id },
      { $set: { rows: result.rows, period: result.period, slices, heartbeatAt: new Date() } },
    );
    const { heads } = await switchHeads(
      this.db,
      this.doc.collections,
      promote(this.dataset.name, this.doc.collections, slices, this.doc._id),
    );
    await settleCommit(this.db, this.doc._id, heads);
    return (await versions.findOne({ _id: this.doc._id }))!;
  }

  /** Deletes what was written; the version stays in the provenance as FAILED. */
  async abandon(failure: string): Promise<void> {
    this.buffer.clear();
    await deleteDocumentsOf(this.db, this.doc);
    await this.db
      .collection<VersionDoc>(VERSIONS)
      .updateOne({ _id: this.doc._id }, { $set: { status: "FAILED", failure } });
  }
}
