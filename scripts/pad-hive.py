#!/usr/bin/env python3
"""Writes a copy of a hive grown to TOTAL_MB by appending 1 MiB hive bins, each one free cell, and fixing the base
block's hive-bins size and checksum: a large but valid hive for memory measurements (scripts/bench-fleet-large.sh).
Usage: pad-hive.py SOURCE[.gz] DEST TOTAL_MB"""
import gzip, struct, sys
src, dst, total_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = bytearray(gzip.open(src).read()) if src.endswith('.gz') else bytearray(open(src,'rb').read())
bins = struct.unpack_from('<I', data, 0x28)[0]
end = 4096 + bins
data = data[:end]
target = total_mb << 20
binsize = 1 << 20
with open(dst, 'wb') as out:
    nbins = (target - end) // binsize
    newbins = bins + nbins * binsize
    struct.pack_into('<I', data, 0x28, newbins)
    # base block checksum over the first 508 bytes
    x = 0
    for i in range(0, 508, 4):
        x ^= struct.unpack_from('<I', data, i)[0]
    struct.pack_into('<I', data, 0x1FC, x)
    out.write(data)
    for k in range(nbins):
        off = bins + k * binsize
        hdr = b'hbin' + struct.pack('<II', off, binsize) + b'\0' * 20
        cell = struct.pack('<i', binsize - 32)
        out.write(hdr + cell + b'\0' * (binsize - 32 - 4))
