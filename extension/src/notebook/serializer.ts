/**
 * NotebookSerializer for `clause-cascade-notebook` (`*.cascade.ipynb`): nbformat 4 read and written by the engine's
 * parseNotebook / serializeNotebook — the same functions `clause-cascade notebook run` uses — with the lossless
 * mapping of cell-data.ts in between.
 */
import * as vscode from 'vscode';
import { parseNotebook, serializeNotebook } from '../../../engine/experiment/notebook.ts';
import { dataToNotebook, notebookToData, type CellData, type CellOutputData, type NotebookDataShape } from './cell-data.ts';

export const NOTEBOOK_TYPE = 'clause-cascade-notebook';

export function toCellOutput(output: CellOutputData): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(
    output.items.map((item) => new vscode.NotebookCellOutputItem(item.data, item.mime)),
    output.metadata,
  );
}

function toCellData(cell: CellData): vscode.NotebookCellData {
  const data = new vscode.NotebookCellData(cell.kind as vscode.NotebookCellKind, cell.value, cell.languageId);
  if (cell.outputs) data.outputs = cell.outputs.map(toCellOutput);
  if (cell.metadata) data.metadata = cell.metadata;
  if (cell.executionSummary) data.executionSummary = cell.executionSummary;
  return data;
}

export class CascadeNotebookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const text = new TextDecoder().decode(content);
    // A new, empty file (e.g. created from the explorer) opens as an empty notebook.
    const shape = notebookToData(text.trim() === '' ? { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] } : parseNotebook(text));
    const data = new vscode.NotebookData(shape.cells.map(toCellData));
    data.metadata = shape.metadata;
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    // vscode.NotebookData is structurally a NotebookDataShape (kind, value, languageId, outputs' items and metadata).
    return new TextEncoder().encode(serializeNotebook(dataToNotebook(data as unknown as NotebookDataShape)));
  }
}
