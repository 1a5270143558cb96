// Compatibility verdicts for the contract server's schema registry. AVRO pairs are judged by avsc's schema resolution
// (a reader resolves a writer or throws). JSON pairs are judged structurally over a subset of JSON Schema: type,
// properties, required, additionalProperties, items and enum, plus annotations; a definition using any other keyword
// cannot be judged and is refused with InvalidInputException rather than accepted unchecked.
import avro from 'avsc';
import { ServiceError } from './errors.mjs';

const ANNOTATIONS = new Set(['$schema', '$id', 'id', 'title', 'description', 'default', 'examples', '$comment']);
const STRUCTURAL = new Set(['type', 'properties', 'required', 'additionalProperties', 'items', 'enum']);

// Modes and the pairs they check: [backward?, forward?, all versions from the checkpoint?].
const MODES = {
  BACKWARD: [true, false, false], BACKWARD_ALL: [true, false, true],
  FORWARD: [false, true, false], FORWARD_ALL: [false, true, true],
  FULL: [true, true, false], FULL_ALL: [true, true, true],
};

// True when `definition` may follow `history` (AVAILABLE versions, ascending, each { number, definition }).
export function isCompatible(format, mode, checkpoint, definition, history) {
  const rule = MODES[mode];
  if (!rule || history.length === 0) return true;
  const [backward, forward, all] = rule;
  const targets = all ? history.filter((v) => v.number >= checkpoint) : history.slice(-1);
  const canRead = format === 'AVRO' ? avroCanRead : jsonCanRead;
  return targets.every((v) => (!backward || canRead(definition, v.definition)) && (!forward || canRead(v.definition, definition)));
}

// Throws InvalidInputException when the definition is not a schema of the format (or, for JSON, uses keywords this
// server cannot judge while a checked mode is in force).
export function validateDefinition(format, definition, checked) {
  let parsed;
  try {
    parsed = JSON.parse(definition);
  } catch {
    throw invalid(`Schema definition of ${format} data format is invalid`);
  }
  if (format === 'AVRO') {
    try {
      avro.Type.forSchema(parsed);
    } catch (e) {
      throw invalid(`Schema definition of AVRO data format is invalid: ${e.message}`);
    }
  } else if (format === 'JSON' && checked) {
    const unknown = unsupportedKeyword(parsed);
    if (unknown) throw invalid(`The contract server cannot judge JSON Schema keyword '${unknown}' under a checked compatibility mode.`);
  }
  return parsed;
}

function avroCanRead(reader, writer) {
  try {
    avro.Type.forSchema(JSON.parse(reader)).createResolver(avro.Type.forSchema(JSON.parse(writer)));
    return true;
  } catch {
    return false;
  }
}

function jsonCanRead(reader, writer) {
  return accepts(JSON.parse(reader), JSON.parse(writer));
}

// Does every instance valid under `writer` validate under `reader`?
function accepts(reader, writer) {
  if (reader === true || isEmpty(reader)) return true;
  if (writer === false) return true;
  if (reader === false || writer === true || isEmpty(writer)) return false;
  const rTypes = types(reader);
  const wTypes = types(writer);
  if (rTypes) {
    if (!wTypes) return false;
    for (const t of wTypes) if (!rTypes.has(t) && !(t === 'integer' && rTypes.has('number'))) return false;
  }
  if (reader.enum) {
    if (!writer.enum || !writer.enum.every((w) => reader.enum.some((r) => JSON.stringify(r) === JSON.stringify(w)))) return false;
  }
  const objects = !wTypes || wTypes.has('object');
  if (objects && (reader.properties || reader.required || reader.additionalProperties !== undefined)) {
    const wRequired = new Set(writer.required ?? []);
    if ((reader.required ?? []).some((r) => !wRequired.has(r))) return false;
    const names = new Set([...Object.keys(reader.properties ?? {}), ...Object.keys(writer.properties ?? {})]);
    for (const name of names) {
      const r = reader.properties?.[name] ?? reader.additionalProperties ?? true;
      const w = writer.properties?.[name] ?? writer.additionalProperties ?? true;
      if (!accepts(r, w)) return false;
    }
    if (!accepts(reader.additionalProperties ?? true, writer.additionalProperties ?? true)) return false;
  }
  const arrays = !wTypes || wTypes.has('array');
  if (arrays && reader.items !== undefined && !accepts(reader.items, writer.items ?? true)) return false;
  return true;
}

function types(schema) {
  if (schema.type === undefined) return null;
  return new Set(Array.isArray(schema.type) ? schema.type : [schema.type]);
}

function isEmpty(schema) {
  return typeof schema === 'object' && schema !== null && Object.keys(schema).every((k) => ANNOTATIONS.has(k));
}

function unsupportedKeyword(schema) {
  if (typeof schema === 'boolean') return null;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return '(non-schema value)';
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue;
    if (!STRUCTURAL.has(key)) return key;
    if (key === 'properties') {
      for (const sub of Object.values(value)) {
        const inner = unsupportedKeyword(sub);
        if (inner) return inner;
      }
    } else if (key === 'additionalProperties' || key === 'items') {
      const inner = unsupportedKeyword(value);
      if (inner) return inner;
    }
  }
  return null;
}

function invalid(message) {
  return new ServiceError('InvalidInputException', message);
}
