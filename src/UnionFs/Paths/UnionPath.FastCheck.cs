using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace UnionFs.Paths;

internal static partial class UnionPath
{
    /// <summary>
    /// The hot path's screen, eight characters at a time: true when <paramref name="path"/> holds no character or pair
    /// that could make it other than normalized (<c>\</c>, NUL, <c>//</c>, or <c>/.</c>, which starts <c>.</c> and
    /// <c>..</c> segments but also a hidden name such as <c>/.profile</c>). False sends the caller to the exact
    /// scalar check. Every lookup validates its path, so this runs once per call; the scalar loop cost more than the
    /// hash probe it guards.
    /// </summary>
    /// <remarks>The caller has checked that the path starts with <c>/</c>, does not end with one, and has at least
    /// nine characters.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ScreenClean(string path)
    {
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(path.AsSpan()));
        var slash = Vector128.Create((ushort)'/');
        var dot = Vector128.Create((ushort)'.');
        var backslash = Vector128.Create((ushort)'\\');
        var last = (nuint)(path.Length - 9); // the last block starts here, so that block + 1 stays inside the string
        for (nuint i = 0; ; i += 8)
        {
            if (i > last)
            {
                i = last; // an overlapping final block
            }

            var current = Vector128.LoadUnsafe(ref start, i);
            var next = Vector128.LoadUnsafe(ref start, i + 1);
            var bad = Vector128.Equals(current, backslash) | Vector128.Equals(current, Vector128<ushort>.Zero) |
                Vector128.Equals(next, backslash) | Vector128.Equals(next, Vector128<ushort>.Zero) |
                (Vector128.Equals(current, slash) & (Vector128.Equals(next, slash) | Vector128.Equals(next, dot)));
            if (bad != Vector128<ushort>.Zero)
            {
                return false;
            }

            if (i == last)
            {
                return true;
            }
        }
    }
}
