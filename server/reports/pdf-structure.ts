/**
 * A structure tree writer for tagged PDF whose memory does not grow with the document.
 *
 * pdfkit's own `doc.struct()` keeps every element object until its parent ends and every marked
 * content's element in the page's parent-tree array until `doc.end()`: 100,000 table rows cost
 * ~2 KB each (stack-notes §3 measured 601 MB for 10,000 rows). Here each element is written as soon
 * as it is closed, a parent keeps only its children's "N 0 R" strings, and a finished page's
 * parent-tree entry is folded into one pre-rendered array string. What remains per element is a
 * few bytes of text, so every table cell can be a real TH/TD (ISO 14289-1 tables) however big the
 * disclosure is.
 *
 * Uses pdfkit's `ref()`, `markStructureContent()`, `endMarkedContent()`, the struct tree root's
 * ParentTree and its object writer (`_offset`, `_write`, `_refEnd`: elements are written in batches
 * instead of four writes each; the documents are never encrypted). pdfkit 0.20.2 is pinned; `pdfinfo -struct` and
 * `qpdf --check` in the tests guard these internals.
 */

interface PdfRef {
  id: number;
  data: Record<string, unknown>;
  offset?: number;
  toString(): string;
}
interface ParentTree {
  get(key: number): unknown;
  add(key: number, value: unknown): void;
}
interface MarkedContent {
  refs: { pageRef: PdfRef; mcid: number }[];
}
interface TaggedDoc {
  ref(data?: Record<string, unknown>): PdfRef;
  markStructureContent(tag: string): MarkedContent;
  endMarkedContent(): unknown;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): ParentTree;
  _offset: number;
  _write(data: Uint8Array): void;
  _refEnd(ref: PdfRef): void;
}

export interface StructNode {
  readonly type: string;
  readonly ref: PdfRef;
  /** "/P 12 0 R" plus "/A << ... >>": fixed when the element is opened. */
  readonly head: string;
  /** Marked-content ids and MCR dictionaries as text, child elements as their object numbers. */
  kids: (string | number)[];
  page: string | null;
  owner: object | null;
  marking: MarkedContent | null;
}

type RawConstructor = new (text: string) => object;

const FLUSH_AT = 256 * 1024;
const KIDS_BLOCK = 4096;

/** Kids as the /K array's text: element numbers as references, marked-content text as it is. */
function kidsText(kids: readonly (string | number)[]): string {
  return kids.map((kid) => (typeof kid === "number" ? `${kid} 0 R` : kid)).join(" ");
}

export class StructWriter {
  private readonly doc: TaggedDoc;
  private readonly Raw: RawConstructor;
  private readonly openPages = new Set<number>();
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(doc: object) {
    this.doc = doc as TaggedDoc;
    // PDFObject.convert writes a PDFAbstractReference as its toString(): a subclass lets already
    // written references travel as short strings instead of live pdfkit objects.
    const Abstract = Object.getPrototypeOf(Object.getPrototypeOf(this.doc.getStructTreeRoot())).constructor as new () => object;
    this.Raw = class Raw extends Abstract {
      constructor(private readonly text: string) {
        super();
      }
      override toString(): string {
        return this.text;
      }
    };
  }

  /** A reference written as its "N 0 R" text, for pdfkit objects that would otherwise keep live refs. */
  raw(text: string): object {
    return new this.Raw(text);
  }

  /** Opens an element; `parent` null attaches it to the StructTreeRoot (the Document element). */
  open(parent: StructNode | null, type: string, attributes?: string): StructNode {
    const parentRef = parent ? parent.ref.toString() : this.doc.getStructTreeRoot().toString();
    const head = `/P ${parentRef}${attributes ? ` /A ${attributes}` : ""}`;
    return { type, ref: this.doc.ref(), head, kids: [], page: null, owner: null, marking: null };
  }

  /** Starts marked content belonging to `node`; end it with `endMark` before the next one. */
  beginMark(node: StructNode): void {
    node.marking = this.doc.markStructureContent(node.type);
  }

  endMark(node: StructNode): void {
    this.doc.endMarkedContent();
    const marking = node.marking;
    node.marking = null;
    if (!marking) return;
    node.owner ??= new this.Raw(node.ref.toString());
    for (const { pageRef, mcid } of marking.refs) {
      const key = pageRef.data.StructParents as number;
      (this.doc.getStructParentTree().get(key) as unknown[])[mcid] = node.owner;
      this.openPages.add(key);
      const page = pageRef.toString();
      node.page ??= page;
      node.kids.push(node.page === page ? String(mcid) : `<< /Type /MCR /Pg ${page} /MCID ${mcid} >>`);
    }
  }

  mark(node: StructNode, draw: () => void): void {
    this.beginMark(node);
    draw();
    this.endMark(node);
  }

  /** Writes the element now; its parent keeps only "N 0 R". */
  close(parent: StructNode | null, node: StructNode): void {
    const { ref } = node;
    const page = node.page ? ` /Pg ${node.page}` : "";
    const kids = kidsText(node.kids);
    this.writeObject(ref, `<< /S /${node.type} ${node.head}${page} /K [${kids}] >>`);
    if (parent) {
      parent.kids.push(ref.id);
      // A table of a million rows: its kids are kept as text in blocks, not as a million entries
      // (and a million strings when it is written).
      if (parent.kids.length >= KIDS_BLOCK) parent.kids = [kidsText(parent.kids)];
    }
    else this.doc.getStructTreeRoot().data.K = new this.Raw(`[${ref.toString()}]`);
    node.kids = [];
    node.owner = null;
  }

  leaf(parent: StructNode, type: string, draw: () => void, attributes?: string): void {
    const node = this.open(parent, type, attributes);
    this.mark(node, draw);
    this.close(parent, node);
  }

  /**
   * Writes the parent-tree array of each finished page (every page but `currentKey`) as its own
   * object, leaving "N 0 R" in the tree: the tree's values may be indirect (ISO 32000-1 7.9.7).
   */
  foldFinishedPages(currentKey: number | undefined): void {
    const tree = this.doc.getStructParentTree();
    for (const key of this.openPages) {
      if (key === currentKey) continue;
      const entries = tree.get(key) as unknown[];
      const ref = this.doc.ref();
      this.writeObject(ref, `[${entries.map((e) => (e == null ? "null" : String(e))).join(" ")}]`);
      tree.add(key, new this.Raw(ref.toString()));
      this.openPages.delete(key);
    }
  }

  /**
   * Sends the elements written since the last flush to the document. Must run before pdfkit
   * writes anything itself (a page is flushed by addPage(), the document by end()), because each
   * element's xref offset was taken as if the pending bytes were already out.
   */
  flush(): void {
    if (this.pendingBytes === 0) return;
    this.doc._write(Buffer.from(this.pending.join(""), "latin1"));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** What PDFReference.finalize does for an object without a stream, batched (ASCII only). */
  private writeObject(ref: PdfRef, body: string): void {
    const text = `${ref.id} 0 obj\n${body}\nendobj\n`;
    ref.offset = this.doc._offset + this.pendingBytes;
    this.pending.push(text);
    this.pendingBytes += text.length;
    this.doc._refEnd(ref);
    if (this.pendingBytes >= FLUSH_AT) this.flush();
  }
}

/** Attributes of header cells: the Table attribute owner with the cell's scope. */
export const TH_SCOPE = { Column: "<< /O /Table /Scope /Column >>", Row: "<< /O /Table /Scope /Row >>" } as const;
