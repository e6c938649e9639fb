import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, mockApi } from '@/testing/fetch-mock';
import { renderWithProviders } from '@/testing/render';
import { ImportPage } from './import-page';

describe('ImportPage', () => {
  it('uploads the CSV and reports updates and row errors', async () => {
    const api = mockApi({
      'POST /api/v1/me/assets/import-metadata': () =>
        json({
          updated: 41,
          errors: [
            { line: 7, filename: 'IMG_0007.jpg', field: 'keywords', message: 'At most 50 keywords.' },
            { line: 9, filename: null, field: 'filename', message: 'No photo of yours has this filename.' },
          ],
        }),
    });
    const { user } = renderWithProviders(<ImportPage />);

    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(screen.getByText('Choose a CSV file.')).toBeInTheDocument();

    const csv = new File(['filename,title\nIMG_0007.jpg,Harbour\n'], 'metadata.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('CSV file'), { target: { files: [csv] } });
    await user.click(screen.getByRole('button', { name: 'Import' }));

    expect(await screen.findByRole('heading', { name: '41 assets updated, 2 rows with errors' })).toBeInTheDocument();
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => Array.from((r as HTMLTableRowElement).cells).map((c) => c.textContent))).toEqual([
      ['7', 'IMG_0007.jpg', 'keywords', 'At most 50 keywords.'],
      ['9', '—', 'filename', 'No photo of yours has this filename.'],
    ]);
    const request = api.last('POST /api/v1/me/assets/import-metadata')!;
    expect(request.headers.get('X-XSRF-TOKEN')).toBe('test-token');
    expect(request.headers.get('Content-Type')).toMatch(/^multipart\/form-data; boundary=/);
    // (jsdom's File does not survive Node's Request intact, so only the part's presence is checked.)
    expect((await request.formData()).has('file')).toBe(true);
  });
});
