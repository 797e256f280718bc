using RdsCal.Registry.Hive;
using RdsCal.Tests;

namespace RdsCal.Registry.Tests;

public class ResourceDescriptorsTests
{
    [TestDataFact]
    public void Every_resource_value_in_a_real_SYSTEM_hive_decodes()
    {
        using var hive = HiveFile.Load(TestData.Bytes(TestData.Real("regipy", "SYSTEM.gz")));
        int seen = 0, decoded = 0;
        var stack = new Stack<HiveKey>([hive.Root]);
        while (stack.Count > 0)
        {
            var k = stack.Pop();
            foreach (var v in k.EnumerateValues())
            {
                if (v.Kind is RegistryValueKind.ResourceList or RegistryValueKind.FullResourceDescriptor or RegistryValueKind.ResourceRequirementsList)
                {
                    seen++;
                    decoded += ResourceDescriptors.Decode(v) is not null ? 1 : 0;
                }
            }
            foreach (var s in k.Subkeys())
            {
                stack.Push(s);
            }
        }
        Assert.True(seen > 10, $"only {seen} resource values");
        Assert.Equal(seen, decoded);
    }

    [Fact]
    public void A_hand_built_list_decodes_and_malformed_data_gives_null()
    {
        var data = new byte[4 + 16 + 16];
        data[0] = 1;
        data[4] = 5;
        data[16] = 1;
        data[20] = 1;
        var v = new RegistryValue("r", RegistryValueKind.ResourceList, data);
        var list = ResourceDescriptors.Decode(v)!;
        Assert.Equal(5, list[0].InterfaceType);
        Assert.Equal("Port", list[0].Resources[0].TypeName);
        Assert.Contains("Port", v.ToDisplayString(), StringComparison.Ordinal);
        Assert.Null(ResourceDescriptors.Decode(new RegistryValue("r", RegistryValueKind.ResourceList, [9, 9, 9, 9, 1])));
        Assert.Null(ResourceDescriptors.Decode(new RegistryValue("r", RegistryValueKind.ResourceRequirementsList, [])));
    }
}
