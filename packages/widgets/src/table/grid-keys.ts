/**
 * The ARIA grid keyboard model of the data table (WAI-ARIA grid pattern): which cell a key moves to, or which row
 * command it is. Pure, so the table only applies the result.
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridBounds {
  rows: number;
  cols: number;
  /** Rows one Page Up/Down moves. */
  pageRows: number;
}

export type GridCommand = { move: GridPosition } | { open: true } | { toggle: true };

export function gridCommand(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>, at: GridPosition, bounds: GridBounds, selectable: boolean): GridCommand | undefined {
  const ctrl = event.ctrlKey || event.metaKey;
  let { row, col } = at;
  switch (event.key) {
    case 'ArrowDown':
      row += 1;
      break;
    case 'ArrowUp':
      row -= 1;
      break;
    case 'ArrowRight':
      col += 1;
      break;
    case 'ArrowLeft':
      col -= 1;
      break;
    case 'PageDown':
      row += bounds.pageRows;
      break;
    case 'PageUp':
      row -= bounds.pageRows;
      break;
    case 'Home':
      if (ctrl) row = 0;
      col = 0;
      break;
    case 'End':
      if (ctrl) row = bounds.rows - 1;
      col = bounds.cols - 1;
      break;
    case 'Enter':
      return { open: true };
    case ' ':
      return selectable ? { toggle: true } : undefined;
    default:
      return undefined;
  }
  return {
    move: { row: Math.max(0, Math.min(row, bounds.rows - 1)), col: Math.max(0, Math.min(col, bounds.cols - 1)) },
  };
}
