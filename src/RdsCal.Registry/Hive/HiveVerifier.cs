using System.Buffers.Binary;
using RdsCal.Registry.Hive.Cells;

namespace RdsCal.Registry.Hive;

/// <summary>What <see cref="HiveVerifier.Check"/> found.</summary>
/// <param name="Errors">What Windows would refuse to load, or what loses data (unreachable keys, a security cell freed while in use).</param>
/// <param name="Notes">What Windows itself leaves in hives it wrote: a dirty hive read without logs, allocated cells nothing references (leaks), an over-counted or unused security cell, data after the last bin.</param>
public sealed record HiveVerification(IReadOnlyList<string> Errors, IReadOnlyList<string> Notes);

/// <summary>
/// Checks every invariant a written hive must keep, walking all cells: base block, bins filled exactly by
/// cells, every allocated cell referenced exactly once (sk cells once per ring), sorted and correctly hashed
/// subkey lists, counts and largest-name/data fields, big data segments, exact sk reference counts and a
/// consistent sk ring. What Windows would refuse or what loses data is an error; what Windows itself leaves
/// behind in hives it wrote (leaks, a dirty flag without logs, remnants) is a note.
/// </summary>
public static class HiveVerifier
{
    /// <summary>Verifies a hive image; returns the errors found (empty when none; notes are left out).</summary>
    public static IReadOnlyList<string> Verify(byte[] image) => Check(image).Errors;

    /// <summary>
    /// Verifies a hive image (base block and bins; anything after the bins the base block declares is checked
    /// only for remnant data) and sorts what it finds into errors and notes.
    /// </summary>
    public static HiveVerification Check(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var problems = new List<string>();
        var notes = new List<string>();
        var result = new HiveVerification(problems, notes);
        HiveImage hive;
        try
        {
            var header = BaseBlock.Parse(image.AsSpan(0, Math.Min(image.Length, BaseBlock.Size)));
            if (!BaseBlock.HasSignature(image))
            {
                problems.Add("base block: signature is not 'regf'");
                return result;
            }
            if (!header.ChecksumValid)
            {
                problems.Add("base block: checksum is wrong");
            }
            if (header.PrimarySequence != header.SecondarySequence)
            {
                // Windows loads a dirty hive after replaying its logs; read alone it is as Windows last flushed it.
                notes.Add($"base block: dirty (sequence numbers {header.PrimarySequence}/{header.SecondarySequence}): changes still in transaction logs that were not given may be missing");
            }
            if (header.Major != 1 || header.Minor is < 3 or > 6 || header.FileType != 0 || header.FileFormat != 1 || header.Clustering != 1)
            {
                problems.Add($"base block: version {header.Major}.{header.Minor}, type {header.FileType}, format {header.FileFormat}, clustering {header.Clustering} are not 1.3-1.6, 0, 1, 1");
            }
            long binsEnd = (long)BaseBlock.Size + header.DataSize;
            if (image.Length > binsEnd)
            {
                if (image.AsSpan((int)binsEnd).IndexOfAnyExcept((byte)0) >= 0)
                {
                    notes.Add($"{image.Length - binsEnd:N0} bytes follow the last bin and hold data: remnants of an earlier, larger hive (a deleted-record scan lists the records there)");
                }
                image = image[..(int)binsEnd];
            }
            hive = new HiveImage(image, header);
        }
        catch (HiveFormatException e)
        {
            problems.Add(e.Message);
            return result;
        }
        var walker = new Walker(hive, image, problems, notes);
        walker.Run();
        return result;
    }

    /// <summary>The deepest a key may be nested below its hive's root in Windows ("Registry element size limits").</summary>
    internal const int MaxDepth = 512;

    private sealed class Walker(HiveImage hive, byte[] image, List<string> problems, List<string> notes)
    {
        private readonly Dictionary<uint, bool> _allocated = [];
        private readonly HashSet<uint> _referenced = [];
        private readonly Dictionary<uint, int> _securityRefs = [];
        private readonly HashSet<uint> _walkedKeys = [];

        public void Run()
        {
            IndexCells();
            uint root = hive.Header.RootCell;
            try
            {
                var stack = new Stack<(uint Offset, uint Parent, bool IsRoot, int Depth)>();
                stack.Push((root, 0, true, 0));
                bool tooDeep = false;
                while (stack.Count > 0)
                {
                    var (nk, parent, isRoot, depth) = stack.Pop();
                    if (depth > MaxDepth && !tooDeep)
                    {
                        // Reported once: a hive nested 10,000 deep would otherwise give thousands of lines.
                        tooDeep = true;
                        problems.Add($"key node at 0x{nk:X}: nested {depth} levels below the root; Windows allows at most {MaxDepth} (RegCreateKeyEx refuses deeper keys, and rdscal's .reg writer refuses to write them)");
                    }
                    // A subkey list pointing back at an ancestor (or at any key already walked) would make the
                    // walk endless: each key node is walked once, and a second listing is the problem reported.
                    if (!_walkedKeys.Add(nk))
                    {
                        problems.Add($"key node at 0x{nk:X}: listed again under 0x{parent:X}: the subkey lists form a cycle or share a key; not walked twice");
                        continue;
                    }
                    foreach (uint child in Key(nk, parent, isRoot))
                    {
                        stack.Push((child, nk, false, depth + 1));
                    }
                }
                CheckSecurity();
            }
            catch (HiveFormatException e)
            {
                problems.Add(e.Message);
                return;
            }
            foreach (var (offset, allocated) in _allocated)
            {
                if (allocated && !_referenced.Contains(offset) && !_securityRefs.ContainsKey(offset))
                {
                    // Windows leaves these itself (yarp's RecoveredHive_Windows10, HealedHive): space lost, no data lost.
                    notes.Add($"cell 0x{offset:X}: allocated but referenced by nothing (leaked)");
                }
            }
        }

        private void IndexCells()
        {
            for (int b = 0; b < hive.BinCount; b++)
            {
                var (start, end) = hive.BinAt(b);
                int pos = start + HiveImage.BinHeaderSize;
                while (pos < end)
                {
                    int raw = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(BaseBlock.Size + pos));
                    long size = Math.Abs((long)raw);
                    if (size < 8 || size % 8 != 0 || pos + size > end)
                    {
                        problems.Add($"bin 0x{start:X}: cell at 0x{pos:X} has size 0x{size:X}; cells do not fill the bin exactly");
                        break;
                    }
                    _allocated[(uint)pos] = raw < 0;
                    pos += (int)size;
                }
            }
        }

        private void Mark(uint offset, string what)
        {
            if (!_allocated.TryGetValue(offset, out bool allocated))
            {
                problems.Add($"{what} at 0x{offset:X}: not the start of a cell");
            }
            else if (!allocated)
            {
                problems.Add($"{what} at 0x{offset:X}: the cell is free");
            }
            if (!_referenced.Add(offset))
            {
                problems.Add($"{what} at 0x{offset:X}: referenced more than once");
            }
        }

        private List<uint> Key(uint offset, uint parent, bool isRoot)
        {
            Mark(offset, "key node");
            var nk = KeyNodeCell.Read(hive, offset, out var cell);
            string name = RecordName.Decode(KeyNodeCell.NameBytes(cell, nk), nk.IsCompressed);
            string where = $"key '{name}' (0x{offset:X})";
            if (isRoot && (nk.Flags & KeyNodeCell.HiveEntry) == 0)
            {
                problems.Add($"{where}: the root lacks the hive-entry flag");
            }
            if (!isRoot && nk.Parent != parent)
            {
                problems.Add($"{where}: parent field 0x{nk.Parent:X} is not its parent 0x{parent:X}");
            }
            _securityRefs[nk.Security] = _securityRefs.GetValueOrDefault(nk.Security) + 1;
            if (nk.Class != 0xFFFFFFFF && nk.ClassLength > 0)
            {
                Mark(nk.Class, $"{where} class name");
                if (hive.Cell(nk.Class).Length < nk.ClassLength)
                {
                    problems.Add($"{where}: class name cell is shorter than its {nk.ClassLength} bytes");
                }
            }
            CheckValues(nk, where);
            var children = Children(nk, where, out var childNames);
            if (children.Count != nk.SubkeyCount)
            {
                problems.Add($"{where}: says {nk.SubkeyCount} subkeys, its lists hold {children.Count}");
            }
            for (int i = 1; i < childNames.Count; i++)
            {
                if (RegistryName.Compare(childNames[i - 1], childNames[i]) >= 0)
                {
                    problems.Add($"{where}: subkeys '{childNames[i - 1]}' and '{childNames[i]}' are out of order or duplicated");
                }
            }
            uint maxName = nk.MaxNameLength & 0xFFFF;
            int longest = childNames.Count == 0 ? 0 : childNames.Max(n => n.Length * 2);
            if (longest > maxName)
            {
                problems.Add($"{where}: largest subkey name field {maxName} is below the real {longest}");
            }
            return children;
        }

        private List<uint> Children(KeyNodeCell nk, string where, out List<string> names)
        {
            var result = new List<uint>();
            names = [];
            if (nk.SubkeyCount == 0 || nk.SubkeyList == 0xFFFFFFFF)
            {
                return result;
            }
            Mark(nk.SubkeyList, $"{where} subkey list");
            var list = SubkeyListCell.Read(hive, nk.SubkeyList);
            if (list.IsLeaf)
            {
                Leaf(list, result, names, where);
                return result;
            }
            for (int i = 0; i < list.Count; i++)
            {
                Mark(list[i], $"{where} subkey leaf");
                var leaf = SubkeyListCell.Read(hive, list[i]);
                if (!leaf.IsLeaf)
                {
                    problems.Add($"{where}: index root points to an index root");
                    continue;
                }
                Leaf(leaf, result, names, where);
            }
            return result;
        }

        private void Leaf(SubkeyListCell leaf, List<uint> into, List<string> names, string where)
        {
            for (int i = 0; i < leaf.Count; i++)
            {
                uint child = leaf[i];
                var nk = KeyNodeCell.Read(hive, child, out var cell);
                string name = RecordName.Decode(KeyNodeCell.NameBytes(cell, nk), nk.IsCompressed);
                if (leaf.Kind == SubkeyListKind.HashLeaf && leaf.Hint(i) != RegistryName.Hash(name))
                {
                    problems.Add($"{where}: lh hash of '{name}' is 0x{leaf.Hint(i):X8}, should be 0x{RegistryName.Hash(name):X8}");
                }
                into.Add(child);
                names.Add(name);
            }
        }

        private void CheckValues(KeyNodeCell nk, string where)
        {
            if (nk.ValueCount != 0 && nk.ValueList == 0xFFFFFFFF)
            {
                // As for subkeys: hivex refuses such a key (hivex_node_values: the list offset is not a valid
                // block), and a writer keeping the count would hand the claim on to the next reader.
                problems.Add($"{where}: says {nk.ValueCount} values but has no value list (offset 0xFFFFFFFF)");
                return;
            }
            if (nk.ValueCount == 0)
            {
                return;
            }
            Mark(nk.ValueList, $"{where} value list");
            if (!CellOffsetList.TryParse(hive.Cell(nk.ValueList), nk.ValueCount, out var list))
            {
                problems.Add($"{where}: value list too short for {nk.ValueCount} values");
                return;
            }
            for (int i = 0; i < list.Count; i++)
            {
                uint vkOffset = list[i];
                Mark(vkOffset, $"{where} value");
                var vk = ValueCell.Read(hive, vkOffset, out var vcell);
                string name = RecordName.Decode(vcell.Slice(ValueCell.NameOffset, vk.NameLength), vk.IsCompressed);
                int length = vk.DataLength;
                if (vk.IsInline)
                {
                    if (length > 4)
                    {
                        problems.Add($"{where} value '{name}': {length} bytes marked inline");
                    }
                    continue;
                }
                if (length == 0)
                {
                    continue;
                }
                Mark(vk.DataOffset, $"{where} value '{name}' data");
                var data = hive.Cell(vk.DataOffset);
                if (hive.Header.Minor >= 4 && length > BigDataCell.SegmentSize && BigDataCell.IsBigData(data))
                {
                    var db = BigDataCell.Parse(data, vk.DataOffset, hive.Path);
                    int count = db.SegmentCount;
                    Mark(db.SegmentList, $"{where} value '{name}' segment list");
                    var segCell = hive.Cell(db.SegmentList);
                    // A short list is marked as far as it goes; the count check below names the shortfall.
                    CellOffsetList.TryParse(segCell, Math.Min(count, segCell.Length / 4), out var segs);
                    for (int s = 0; s < segs.Count; s++)
                    {
                        Mark(segs[s], $"{where} value '{name}' segment {s}");
                    }
                    if ((length + BigDataCell.SegmentSize - 1) / BigDataCell.SegmentSize != count)
                    {
                        problems.Add($"{where} value '{name}': {count} segments for {length} bytes");
                    }
                }
                else if (data.Length < length)
                {
                    problems.Add($"{where} value '{name}': {length} bytes in a {data.Length}-byte cell");
                }
            }
        }

        private void CheckSecurity()
        {
            foreach (var (sk, refs) in _securityRefs)
            {
                var record = SecurityCell.Read(hive, sk, out _);
                uint count = record.ReferenceCount;
                if (count < refs)
                {
                    problems.Add($"security cell 0x{sk:X}: reference count {count}, but {refs} key(s) use it (it could be freed while in use)");
                }
                else if (count > refs)
                {
                    notes.Add($"security cell 0x{sk:X}: reference count {count}, but {refs} key(s) use it (over-counted: never freed)");
                }
                uint flink = record.Flink;
                var next = SecurityCell.Read(hive, flink, out _);
                if (next.Blink != sk)
                {
                    problems.Add($"security cell 0x{sk:X}: the ring is broken (its next's previous is not itself)");
                }
                if (!_securityRefs.ContainsKey(flink))
                {
                    notes.Add($"security cell 0x{flink:X}: in the ring but used by no key");
                }
            }
        }
    }
}
