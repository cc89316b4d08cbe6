using Google.Protobuf;
using Tensorboard;
using WellKnownValue = Google.Protobuf.WellKnownTypes.Value;

namespace TrainDsl.TensorBoard;

/// <summary>
/// The summaries of TensorBoard's hparams plugin (its HPARAMS tab) for one run: the session start (this run's values)
/// and the session end (its status). Their content is the plugin's HParamsPluginData message
/// (tensorboard/plugins/hparams/plugin_data.proto), encoded here field by field because TorchSharp ships no classes
/// for it. No experiment summary is written: TensorBoard would take one run's list of hyperparameters for all runs
/// under --logdir, where experiments with other Config properties live; without it, it lists the union of every
/// run's hyperparameters and takes the runs' scalars as the metrics.
/// </summary>
internal static class HParamsSummary
{
    private const string Plugin = "hparams";

    /// <summary>This run's value of each hyperparameter: a bool, a double or a string.</summary>
    public static Summary SessionStart(IReadOnlyList<KeyValuePair<string, object>> hparams, double time)
    {
        var start = new Proto();
        foreach (var (name, value) in hparams)
        {
            var entry = new Proto();
            entry.String(1, name);
            entry.Bytes(2, (value switch
            {
                bool b => WellKnownValue.ForBool(b),
                double d => WellKnownValue.ForNumber(d),
                _ => WellKnownValue.ForString((string)value),
            }).ToByteArray());
            start.Message(1, entry); // hparams: map<string, google.protobuf.Value>
        }
        start.Double(5, time); // start_time_secs
        return PluginData("_hparams_/session_start_info", 3, start);
    }

    /// <summary>The run's end: STATUS_SUCCESS, or STATUS_FAILURE for a run that was interrupted.</summary>
    public static Summary SessionEnd(bool success, double time)
    {
        var end = new Proto();
        end.Varint(1, success ? 1 : 2);
        end.Double(2, time); // end_time_secs
        return PluginData("_hparams_/session_end_info", 4, end);
    }

    // HParamsPluginData { int32 version = 1; oneof data { experiment = 2; session_start_info = 3; session_end_info = 4; } }
    private static Summary PluginData(string tag, int field, Proto data)
    {
        var content = new Proto();
        content.Varint(1, 0); // version 0, as the plugin's own writers
        content.Message(field, data);
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value
        {
            Tag = tag,
            Metadata = new SummaryMetadata
            {
                PluginData = new SummaryMetadata.Types.PluginData { PluginName = Plugin, Content = ByteString.CopyFrom(content.ToArray()) },
            },
        });
        return summary;
    }

    /// <summary>A protobuf message built field by field.</summary>
    private sealed class Proto
    {
        private readonly MemoryStream bytes = new();
        private readonly CodedOutputStream output;

        public Proto() => output = new CodedOutputStream(bytes, leaveOpen: true);

        public void Varint(int field, int value)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt32(value);
        }

        public void Double(int field, double value)
        {
            output.WriteTag(field, WireFormat.WireType.Fixed64);
            output.WriteDouble(value);
        }

        public void String(int field, string value)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }

        public void Bytes(int field, byte[] value)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(value));
        }

        public void Message(int field, Proto message) => Bytes(field, message.ToArray());

        public byte[] ToArray()
        {
            output.Flush();
            return bytes.ToArray();
        }
    }
}
