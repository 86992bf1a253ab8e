using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading;

namespace UnionFs.Abstractions;

/// <summary>
/// FileSystemEnumerable's shape: the enumerable opens its first enumerator when it is created (so the starting
/// directory is checked at the call), hands that one out first, and every later GetEnumerator opens the directory
/// again, throwing there if it has gone.
/// </summary>
internal sealed class ListingEnumerable<T>(ListingQuery query, Func<Listing.Hit, T> transform) : IEnumerable<T>
{
    private int _firstTaken;

    public IEnumerator<T> GetEnumerator()
    {
        if (Interlocked.Exchange(ref _firstTaken, 1) != 0)
        {
            query.CheckDirectory();
        }

        return Walk().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<T> Walk()
    {
        foreach (var hit in query.Walk())
        {
            yield return transform(hit);
        }
    }
}
