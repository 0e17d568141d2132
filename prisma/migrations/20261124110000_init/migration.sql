-- meshlens initial schema: nodes, per-entity history tables (validFrom/validTo, null validTo = current),
-- counter samples. Mirrors prisma/schema.prisma; the partial unique indexes and the generated inet/cidr columns
-- are beyond what schema.prisma can express.

-- CreateTable
CREATE TABLE "Node" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "kernel" TEXT,
    "underlayAddresses" TEXT[],
    "modes" TEXT[],
    "agentVersion" TEXT NOT NULL,
    "firstSeen" TIMESTAMPTZ(3) NOT NULL,
    "lastSeen" TIMESTAMPTZ(3) NOT NULL,
    "epoch" TEXT NOT NULL,
    "ackedSeq" INTEGER NOT NULL,
    "bgp" JSONB,
    "identity" JSONB NOT NULL,
    "collectorErrors" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "Node_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Node_name_key" ON "Node"("name");

-- CreateTable
CREATE TABLE "Link" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "ifname" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Link_nodeId_validFrom_idx" ON "Link"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "Link_nodeId_validTo_idx" ON "Link"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "Link_nodeId_key_current_key" ON "Link"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Address" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "ifname" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "local" inet GENERATED ALWAYS AS (("data"->>'local')::inet) STORED,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "Address_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Address_nodeId_validFrom_idx" ON "Address"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "Address_nodeId_validTo_idx" ON "Address"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "Address_nodeId_key_current_key" ON "Address"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "Address" ADD CONSTRAINT "Address_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Route" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "dst" cidr GENERATED ALWAYS AS (network(("data"->>'dst')::inet)) STORED,
    "dev" TEXT,
    "protocol" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "Route_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Route_nodeId_validFrom_idx" ON "Route"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "Route_nodeId_validTo_idx" ON "Route"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "Route_nodeId_key_current_key" ON "Route"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "Route" ADD CONSTRAINT "Route_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Neighbor" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "dev" TEXT NOT NULL,
    "dst" TEXT NOT NULL,
    "family" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "Neighbor_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Neighbor_nodeId_validFrom_idx" ON "Neighbor"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "Neighbor_nodeId_validTo_idx" ON "Neighbor"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "Neighbor_nodeId_key_current_key" ON "Neighbor"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "Neighbor" ADD CONSTRAINT "Neighbor_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "FdbEntry" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "dev" TEXT NOT NULL,
    "mac" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "FdbEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FdbEntry_nodeId_validFrom_idx" ON "FdbEntry"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "FdbEntry_nodeId_validTo_idx" ON "FdbEntry"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "FdbEntry_nodeId_key_current_key" ON "FdbEntry"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "FdbEntry" ADD CONSTRAINT "FdbEntry_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "BgpSession" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bgpState" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "BgpSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BgpSession_nodeId_validFrom_idx" ON "BgpSession"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "BgpSession_nodeId_validTo_idx" ON "BgpSession"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "BgpSession_nodeId_key_current_key" ON "BgpSession"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "BgpSession" ADD CONSTRAINT "BgpSession_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "CniConfig" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "file" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validTo" TIMESTAMPTZ(3),

    CONSTRAINT "CniConfig_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CniConfig_nodeId_validFrom_idx" ON "CniConfig"("nodeId", "validFrom");

-- CreateIndex
CREATE INDEX "CniConfig_nodeId_validTo_idx" ON "CniConfig"("nodeId", "validTo");

-- At most one current row per natural key; "current rows of a node" is a scan of this index.
CREATE UNIQUE INDEX "CniConfig_nodeId_key_current_key" ON "CniConfig"("nodeId", "key") WHERE "validTo" IS NULL;

-- AddForeignKey
ALTER TABLE "CniConfig" ADD CONSTRAINT "CniConfig_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "CounterSample" (
    "id" BIGSERIAL NOT NULL,
    "nodeId" INTEGER NOT NULL,
    "ifname" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "rxBytes" BIGINT NOT NULL,
    "rxPackets" BIGINT NOT NULL,
    "rxErrors" BIGINT NOT NULL,
    "rxDropped" BIGINT NOT NULL,
    "txBytes" BIGINT NOT NULL,
    "txPackets" BIGINT NOT NULL,
    "txErrors" BIGINT NOT NULL,
    "txDropped" BIGINT NOT NULL,

    CONSTRAINT "CounterSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CounterSample_nodeId_ifname_ts_idx" ON "CounterSample"("nodeId", "ifname", "ts");

-- CreateIndex
CREATE INDEX "CounterSample_ts_idx" ON "CounterSample"("ts");

-- Prefix filters (`<<=`) on routes and addresses.
CREATE INDEX "Route_dst_idx" ON "Route" USING gist ("dst" inet_ops);
CREATE INDEX "Address_local_idx" ON "Address" USING gist ("local" inet_ops);

-- AddForeignKey
ALTER TABLE "CounterSample" ADD CONSTRAINT "CounterSample_nodeId_fkey" FOREIGN KEY ("nodeId") REFERENCES "Node"("id") ON DELETE CASCADE ON UPDATE CASCADE;
