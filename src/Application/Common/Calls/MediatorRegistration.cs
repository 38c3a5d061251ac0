using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelBridge.Application.Common.Calls;

/// <summary>
/// MediatR 5.1.0 has no DI package that restores here (ADR-001), so handlers are registered by a
/// small assembly scan. Every MediatR touch-point outside handlers lives in this folder.
/// </summary>
internal static class MediatorRegistration
{
    private static readonly Type[] HandlerInterfaces = [typeof(IRequestHandler<,>), typeof(INotificationHandler<>)];

    public static IServiceCollection AddMediator(this IServiceCollection services, Assembly assembly, params Type[] openBehavioursOutermostFirst)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();

        var concrete = assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false });
        foreach (var type in concrete)
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(contract, type);
            }
        }

        // Registration order is wrapping order: the first behaviour is the outermost.
        // Behaviours whose generic constraints a request does not meet are skipped by the container.
        foreach (var behaviour in openBehavioursOutermostFirst)
        {
            services.AddTransient(typeof(IPipelineBehavior<,>), behaviour);
        }

        return services;
    }
}
