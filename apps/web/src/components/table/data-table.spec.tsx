import type { Route } from '@meshlens/model';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { DataTable } from './data-table';

const route: Route = {
  table: 'main',
  family: 'inet',
  type: 'unicast',
  dst: '10.244.1.0/24',
  protocol: 'boot',
  scope: 'global',
  metric: 0,
  tos: 0,
  gateway: '10.244.1.0',
  dev: 'flannel.1',
  flags: ['onlink'],
};
const rows: Route[] = [
  route,
  { ...route, dst: '10.244.10.0/24', gateway: '10.244.10.0' },
  { ...route, dst: '10.244.2.0/24', gateway: '10.244.2.0' },
  { ...route, dst: '0.0.0.0/0', gateway: '192.168.56.1', dev: 'eth0', protocol: 'static', flags: [] },
  { ...route, dst: '192.168.56.0/24', gateway: undefined, dev: 'eth0', protocol: 'kernel', scope: 'link', flags: [] },
];

const destinations = () =>
  within(screen.getAllByRole('rowgroup')[1])
    .getAllByRole('row')
    .map((row) => row.querySelector('td[data-column="dst"]')?.textContent);

describe('DataTable', () => {
  it('should sort routes by destination address when rendered without a sort in the URL', () => {
    render(<DataTable kind="routes" rows={rows} noun="routes" />);
    expect(destinations()).toEqual([
      '0.0.0.0/0',
      '10.244.1.0/24',
      '10.244.2.0/24',
      '10.244.10.0/24',
      '192.168.56.0/24',
    ]);
    expect(screen.getByTestId('row-count').textContent).toBe('5 routes');
  });

  it('should filter rows and count them when the search box changes', () => {
    render(<DataTable kind="routes" rows={rows} noun="routes" />);
    act(() => {
      fireEvent.change(screen.getByLabelText('Search routes'), { target: { value: 'dev:eth0' } });
    });
    expect(destinations()).toEqual(['0.0.0.0/0', '192.168.56.0/24']);
    expect(screen.getByTestId('row-count').textContent).toBe('2 of 5 routes');
    expect(new URL(window.location.href).searchParams.get('q')).toBe('dev:eth0');
  });

  it('should flip the order and mark the header when a sorted header is activated again', () => {
    render(<DataTable kind="routes" rows={rows} noun="routes" />);
    const header = screen.getByRole('columnheader', { name: /destination/i });
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    act(() => {
      fireEvent.click(within(header).getByRole('button'));
    });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(destinations()[0]).toBe('192.168.56.0/24');
  });

  it('should start from the query and sort given by the URL when they are passed in', () => {
    render(
      <DataTable
        kind="routes"
        rows={rows}
        noun="routes"
        initialQuery="flannel"
        initialSort={{ column: 'dst', direction: 'desc' }}
      />,
    );
    expect(destinations()).toEqual(['10.244.10.0/24', '10.244.2.0/24', '10.244.1.0/24']);
    expect(screen.getByTestId('row-count').textContent).toBe('3 of 5 routes');
  });

  it('should say the node reported nothing when there is no row', () => {
    render(<DataTable kind="fdb" rows={[]} noun="FDB entries" emptyMessage="This node reported no FDB entries." />);
    expect(screen.getByText('This node reported no FDB entries.')).toBeTruthy();
  });
});
