/** Saves a Blob as a file through an object URL, revoked once the download has started. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The click has handed the blob to the download; the URL is not needed past this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}

/** Saves text as a file. */
export function downloadText(content: string, fileName: string, mimeType: string): void {
  saveBlob(new Blob([content], { type: mimeType }), fileName);
}
