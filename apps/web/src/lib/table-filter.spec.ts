import { filterRows, parseSearch, type FilterColumn } from './table-filter';

interface Row {
  dst: string;
  dev: string;
  protocol: string;
}

const columns: FilterColumn<Row>[] = [
  { id: 'dst', label: 'Destination', text: (r) => r.dst },
  { id: 'dev', label: 'Dev', text: (r) => r.dev },
  { id: 'protocol', label: 'Proto', text: (r) => r.protocol },
];

const rows: Row[] = [
  { dst: '10.244.1.0/24', dev: 'flannel.1', protocol: 'boot' },
  { dst: '10.244.2.0/24', dev: 'flannel.1', protocol: 'boot' },
  { dst: '192.168.56.0/24', dev: 'eth0', protocol: 'kernel' },
  { dst: 'fe80::/64', dev: 'eth0', protocol: 'kernel' },
];

describe('parseSearch', () => {
  it('should split the query into lower-case terms when it has several words', () => {
    expect(parseSearch('  Flannel  10.244 ')).toEqual([{ text: 'flannel' }, { text: '10.244' }]);
  });

  it('should read column:value terms when the prefix is a word', () => {
    expect(parseSearch('dev:eth0')).toEqual([{ column: 'dev', text: 'eth0' }]);
  });

  it('should keep IPv6 addresses whole when they contain colons', () => {
    expect(parseSearch('fe80::1')).toEqual([{ text: 'fe80::1' }]);
  });
});

describe('filterRows', () => {
  it('should return every row when the query is blank', () => {
    expect(filterRows(rows, columns, '   ')).toHaveLength(4);
  });

  it('should match any column case-insensitively when a term has no column', () => {
    expect(filterRows(rows, columns, 'FLANNEL').map((r) => r.dst)).toEqual(['10.244.1.0/24', '10.244.2.0/24']);
  });

  it('should require every term to match when the query has several terms', () => {
    expect(filterRows(rows, columns, 'flannel 2.0').map((r) => r.dst)).toEqual(['10.244.2.0/24']);
  });

  it('should search only the named column when a term is column:value', () => {
    expect(filterRows(rows, columns, 'dev:eth0').map((r) => r.dst)).toEqual(['192.168.56.0/24', 'fe80::/64']);
    expect(filterRows(rows, columns, 'proto:boot')).toHaveLength(2);
  });

  it('should treat an unknown column prefix as plain text when no column has that name', () => {
    expect(filterRows(rows, columns, 'nosuch:eth0')).toEqual([]);
  });

  it('should find IPv6 destinations when searching with colons', () => {
    expect(filterRows(rows, columns, 'fe80::').map((r) => r.dev)).toEqual(['eth0']);
  });
});
