import { describe, expect, it } from "vitest";
import { wrapText } from "../../../server/reports/wrap-text";

// One point per character keeps the arithmetic readable.
const measure = (text: string) => [...text].length;

describe("wrapText", () => {
  it("[CONSUMER]: keeps a value that fits on one line exactly as it is", () => {
    expect(wrapText("203.0.113.7", 20, measure)).toEqual(["203.0.113.7"]);
    expect(wrapText("a  b", 20, measure)).toEqual(["a  b"]);
    expect(wrapText("", 20, measure)).toEqual([""]);
  });

  it("[CONSUMER]: wraps on spaces and breaks a word wider than the column instead of cutting it", () => {
    expect(wrapText("the quick brown fox", 10, measure)).toEqual(["the quick", "brown fox"]);
    // A long token breaks after its punctuation, where a reader expects (ADR 031)...
    expect(wrapText("https://parlay.example/a", 10, measure)).toEqual(["https://", "parlay.", "example/a"]);
    expect(wrapText("jane.q.consumer@example.com", 16, measure)).toEqual(["jane.q.consumer@", "example.com"]);
    // ...and between characters only where a piece is wider than the column.
    expect(wrapText("abcdefghijklmnop/x", 10, measure)).toEqual(["abcdefghij", "klmnop/x"]);
    expect(wrapText("see https://parlay.example/a", 10, measure).join("")).toBe("seehttps://parlay.example/a");
  });

  it("[CONSUMER]: honours line breaks in the data", () => {
    expect(wrapText("1 Main St\nSan Francisco\r\nCA", 40, measure)).toEqual(["1 Main St", "San Francisco", "CA"]);
  });

  it("[SECURITY]: control characters become visible escapes, never operators (X23) nor the broken-font mark U+FFFD", () => {
    expect(wrapText("a\u0000b\u001bc\u0007d\u007fe\u0085f\u009f", 80, measure)).toEqual(["a\\u0000b\\u001bc\\u0007d\\u007fe\\u0085f\\u009f"]);
    // Tabs and line breaks keep their meaning.
    expect(wrapText("a\tb\nc", 40, measure)).toEqual(["a    b", "c"]);
  });

  it("[CONSUMER]: a Chinese or Japanese line never starts with closing punctuation nor ends with an opening bracket (kinsoku)", () => {
    // Eight characters a line: "，" would start the second line, so "界" goes down with it.
    expect(wrapText("你好世界你好世界，你好", 8, measure)).toEqual(["你好世界你好世", "界，你好"]);
    expect(wrapText("你好世界你好世界。」再见", 8, measure)).toEqual(["你好世界你好世", "界。」再见"]);
    expect(wrapText("こんにちは世界です、ありがとう", 9, measure)).toEqual(["こんにちは世界で", "す、ありがとう"]);
    // An opening bracket goes down with what it opens.
    expect(wrapText("你好世界你好世「好」", 8, measure)).toEqual(["你好世界你好世", "「好」"]);
    // Nothing but punctuation: broken where it must be, never lost.
    expect(wrapText("，，，，，，", 4, measure)).toEqual(["，，，，", "，，"]);
  });
});
