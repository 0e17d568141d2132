-- "The state of a node's table at T" as one index scan: a GiST index on (nodeId, [validFrom, validTo)) finds exactly
-- the rows whose validity contains T. The btree indexes on (nodeId, validFrom) and (nodeId, validTo) can only bound
-- one end, so with 30 days of history they walk every version opened before T (or closed after it) and filter most
-- of them away; they stay for the changes between two instants. Mirrors the `--- history ---` note of schema.prisma.
-- btree_gist supplies the GiST operator class for the integer nodeId; it ships with PostgreSQL (contrib) and is a
-- trusted extension since PostgreSQL 13, so the database owner may create it.
-- tstzrange(validFrom, NULL) is unbounded above (current rows); ingest never closes a row before it opened, and this
-- index would refuse such a row ("range lower bound must be less than or equal to range upper bound").
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE INDEX "Link_nodeId_validity_idx" ON "Link" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "Address_nodeId_validity_idx" ON "Address" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "Route_nodeId_validity_idx" ON "Route" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "Neighbor_nodeId_validity_idx" ON "Neighbor" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "FdbEntry_nodeId_validity_idx" ON "FdbEntry" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "BgpSession_nodeId_validity_idx" ON "BgpSession" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
CREATE INDEX "CniConfig_nodeId_validity_idx" ON "CniConfig" USING gist ("nodeId", tstzrange("validFrom", "validTo"));
